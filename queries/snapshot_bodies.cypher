// name: snapshot_bodies
// title: Bodies at a date
// question: Which bodies exist at the date, with what the latest document before it says of them?
// params: at:date
// row: one body valid at the date: its kind, level, region, chair and meetings as the latest document on or before the date states them, its validity (with precision) and the quote behind it; `certain` is false when the date falls inside a fuzzy (year/month) bound
MATCH (b:Body)
WHERE b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
MATCH (b)-[f:DESCRIBED_IN]->(d:Document)
WITH b, f, d ORDER BY CASE WHEN d.date_start <= $at THEN 0 ELSE 1 END, d.date_start DESC
WITH b, collect(f) AS fs, collect(d) AS ds
RETURN b.uid AS uid, b.name AS name, b.aliases AS aliases, b.kind AS kind,
       head([x IN fs WHERE x.level IS NOT NULL | x.level]) AS level, b.region AS region,
       head([x IN fs WHERE x.chair IS NOT NULL | x.chair]) AS chair,
       head([x IN fs WHERE x.meetings_min IS NOT NULL | x.meetings_min]) AS meetings_min,
       head([x IN fs WHERE x.meetings_min IS NOT NULL | x.meetings_max]) AS meetings_max,
       head([x IN fs WHERE x.decision_rule IS NOT NULL | x.decision_rule]) AS decision_rule,
       b.valid_from AS valid_from, b.valid_to AS valid_to, b.from_precision AS from_precision,
       b.to_reason AS to_reason, b.from_inferred AS inferred,
       $at >= b.from_date_latest AND (b.to_date IS NULL OR $at <= b.to_date_earliest) AS certain,
       head(ds).uid AS document, head(ds).date AS document_date, head(fs).evidence AS evidence
ORDER BY region, name
