// name: no_political_line
// title: Bodies without a line to the political level
// question: Which bodies at the date have no line of accountability (reports to, prepares cases for, subgroup/part of, advises, can raise cases to) to any political body?
// params: at:date
// row: one non-political body valid at the date from which no such path reaches a political body valid at the date
MATCH (b:Body)
WHERE b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
  AND coalesce(b.level, '') <> 'political'
  AND NOT EXISTS {
    MATCH p = (b)-[:REPORTS_TO|PREPARES_CASES_FOR|SUBGROUP_OF|PART_OF|ADVISES|CAN_RAISE_CASES_TO*1..8]->(pol:Body {level: 'political'})
    WHERE pol.from_date <= $at AND (pol.to_date IS NULL OR pol.to_date >= $at)
      AND all(r IN relationships(p) WHERE r.from_date <= $at AND (r.to_date IS NULL OR r.to_date >= $at))
  }
RETURN b.uid AS uid, b.name AS name, b.kind AS kind, b.level AS level, b.region AS region,
       b.documents[-1] AS document, b.evidence[-1] AS evidence
ORDER BY region, name
