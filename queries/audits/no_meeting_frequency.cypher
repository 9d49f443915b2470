// name: no_meeting_frequency
// title: Bodies without a stated meeting frequency
// question: Which constituted bodies at the date (non-political bodies with a member list valid at the date, except chair arrangements and secretariats) have no explicit meeting frequency in any document on or before the date?
// spørgsmål: Hvilke nedsatte organer (ikke-politiske organer med en deltagerkreds på datoen, bortset fra formandskaber og sekretariater) har ingen udtrykkelig mødefrekvens i noget dokument til og med datoen?
// params: at:date=2026-06-01
// row: one body for which no document on or before the date gives meetings per year (a meeting rhythm such as "2-3 uger før møderne" is not a frequency); the latest document on or before the date that describes it and its quote
MATCH (b:Body)
WHERE b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
  AND coalesce(b.level, '') <> 'political' AND NOT b.kind IN ['formandskab', 'sekretariat']
  AND EXISTS { MATCH (s:Seat)-[:IN_BODY]->(b)
               WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)
                 AND s.role IN ['member', 'chair', 'co-chair', 'vice-chair'] }
  AND NOT EXISTS { MATCH (b)-[f:DESCRIBED_IN]->(d:Document)
                   WHERE (f.meetings_min IS NOT NULL OR f.meetings_max IS NOT NULL)
                     AND coalesce(d.date_start, date('0001-01-01')) <= $at }
MATCH (b)-[f:DESCRIBED_IN]->(d:Document)
WHERE coalesce(d.date_start, date('0001-01-01')) <= $at
WITH b, f, d ORDER BY d.date_start DESC
WITH b, head(collect({f: f, d: d})) AS latest
RETURN b.name AS body, b.uid AS uid, b.kind AS kind, b.region AS region,
       latest.d.uid AS document, latest.f.evidence AS evidence
ORDER BY region, body
