// name: no_secretariat
// title: Bodies without a secretariat
// question: Which constituted bodies at the date (non-political bodies with a member list valid at the date, except chair arrangements and secretariats) have no secretariat stated?
// spørgsmål: Hvilke nedsatte organer (ikke-politiske organer med en deltagerkreds på datoen, bortset fra formandskaber og sekretariater) har ingen angivet sekretariatsbetjening på datoen?
// params: at:date=2026-06-01
// row: one body with no SECRETARIAT_FOR line to it, no secretary seat and no secretariat (a body of kind sekretariat or an organisation of kind secretariat) linked to it, valid at the date; the latest document on or before the date that describes it and its quote
MATCH (b:Body)
WHERE b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
  AND coalesce(b.level, '') <> 'political' AND NOT b.kind IN ['formandskab', 'sekretariat']
  AND EXISTS { MATCH (s:Seat)-[:IN_BODY]->(b)
               WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)
                 AND s.role IN ['member', 'chair', 'co-chair', 'vice-chair'] }
  AND NOT EXISTS { MATCH (s:Seat {role: 'secretary'})-[:IN_BODY]->(b)
                   WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at) }
  AND NOT EXISTS { MATCH (x:Party)-[r]-(b)
                   WHERE r.document IS NOT NULL AND r.from_date <= $at AND (r.to_date IS NULL OR r.to_date >= $at)
                     AND (type(r) = 'SECRETARIAT_FOR' AND startNode(r) = x
                          OR x.kind IN ['sekretariat', 'secretariat']) }
MATCH (b)-[f:DESCRIBED_IN]->(d:Document)
WHERE coalesce(d.date_start, date('0001-01-01')) <= $at
WITH b, f, d ORDER BY d.date_start DESC
WITH b, head(collect({f: f, d: d})) AS latest
RETURN b.name AS body, b.uid AS uid, b.kind AS kind, b.region AS region,
       latest.d.uid AS document, latest.f.evidence AS evidence
ORDER BY region, body
