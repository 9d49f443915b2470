// name: decides_without_political_line
// title: Bodies that decide without a line to the political level
// question: Which bodies at the date have decision competence (a stated competence to decide, or a decision rule) but no line of accountability (reports to, prepares cases for, subgroup/part of, advises, can raise cases to) to a political body valid at the date?
// spørgsmål: Hvilke organer har på datoen beslutningskompetence (en angivet kompetence til at beslutte eller en beslutningsregel), men ingen ansvarslinje (refererer til, forbereder sager for, undergruppe/del af, rådgiver, kan rejse sager til) til et politisk organ, der findes på datoen?
// params: at:date=2026-06-01
// row: one non-political body valid at the date that decides (as the latest document on or before the date with a competence or decision rule states it) and from which no such line, valid at the date, reaches a political body valid at the date; the competence quote (or the body's quote when only a decision rule is stated) and its document
MATCH (b:Body)
WHERE b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
  AND coalesce(b.level, '') <> 'political'
MATCH (b)-[f:DESCRIBED_IN]->(d:Document)
WHERE (f.decision_competence IS NOT NULL OR f.decision_rule IS NOT NULL)
  AND coalesce(d.date_start, date('0001-01-01')) <= $at
WITH b, f, d ORDER BY d.date_start DESC
WITH b, head(collect({f: f, d: d})) AS latest
WHERE NOT EXISTS {
  MATCH p = (b)-[:REPORTS_TO|PREPARES_CASES_FOR|SUBGROUP_OF|PART_OF|ADVISES|CAN_RAISE_CASES_TO*1..8]->(pol:Body {level: 'political'})
  WHERE pol.from_date <= $at AND (pol.to_date IS NULL OR pol.to_date >= $at)
    AND all(r IN relationships(p) WHERE r.from_date <= $at AND (r.to_date IS NULL OR r.to_date >= $at))
}
RETURN b.name AS body, b.uid AS uid, b.kind AS kind, b.level AS level, b.region AS region,
       latest.f.decision_competence AS decision_competence, latest.f.decision_rule AS decision_rule,
       latest.d.uid AS document, coalesce(latest.f.decision_competence, latest.f.evidence) AS evidence
ORDER BY region, body
