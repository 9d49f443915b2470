// name: political_path
// title: Path to the political level
// question: Through which bodies does this body answer to a political body at the date?
// params: body:string, at:date
// row: one shortest line of accountability (reports to, prepares cases for, subgroup/part of, advises, can raise cases to) from the body to a political body, valid at the date, as the list of names and relation types along it
MATCH (b:Body) WHERE b.uid = $body OR b.name = $body
MATCH (pol:Body {level: 'political'}) WHERE pol <> b
  AND pol.from_date <= $at AND (pol.to_date IS NULL OR pol.to_date >= $at)
MATCH p = shortestPath((b)-[:REPORTS_TO|PREPARES_CASES_FOR|SUBGROUP_OF|PART_OF|ADVISES|CAN_RAISE_CASES_TO*1..8]->(pol))
WHERE all(r IN relationships(p) WHERE r.from_date <= $at AND (r.to_date IS NULL OR r.to_date >= $at))
RETURN b.name AS body, pol.name AS political_body, length(p) AS steps,
       [n IN nodes(p) | n.name] AS path, [r IN relationships(p) | type(r)] AS relation_types,
       [r IN relationships(p) | r.document] AS documents, [r IN relationships(p) | r.evidence] AS evidence
ORDER BY steps, political_body
