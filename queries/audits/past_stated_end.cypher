// name: past_stated_end
// title: Bodies alive past their stated end (trial period)
// question: Which bodies had a stated end (e.g. the end of a trial period) before the date, yet a later document, dated after that end and on or before the date, still treats them as alive (describes them, states a relation to them or lists their members) without stating a new end?
// spørgsmål: Hvilke organer havde en angivet slutdato (f.eks. udløbet af en prøveperiode) før datoen, men behandles stadig som levende i et senere dokument, dateret efter slutdatoen og senest på datoen (beskriver organet, angiver en relation til det eller dets deltagerkreds), uden at en ny slutdato er angivet?
// params: at:date=2026-06-01
// row: one body and one later document that treats it as alive after its stated end: the stated end, the document and quote that state the end, and the later document and its quote (how it treats the body)
MATCH (b:Body)-[f:DESCRIBED_IN]->(d0:Document)
WHERE f.stated_to IS NOT NULL
WITH b, f, d0,
     CASE size(f.stated_to)
       WHEN 4 THEN date(f.stated_to + '-12-31')
       WHEN 7 THEN date(f.stated_to + '-01') + duration('P1M') - duration('P1D')
       ELSE date(f.stated_to) END AS stated_end
WHERE stated_end < $at
CALL (b) {
  MATCH (b)-[g:DESCRIBED_IN]->(l:Document)
  RETURN l, 'describes it' AS how, g.evidence AS quote, g.stated_to AS new_end
  UNION
  MATCH (b)-[r]-(:Party) WHERE r.document IS NOT NULL
  MATCH (l:Document {uid: r.document})
  RETURN l, 'states ' + type(r) AS how, r.evidence AS quote, r.stated_to AS new_end
  UNION
  MATCH (s:Seat)-[:IN_BODY]->(b)
  MATCH (l:Document {uid: s.document})
  RETURN l, 'lists its members' AS how, s.evidence AS quote, s.stated_to AS new_end
}
WITH b, f, d0, stated_end, l, how, quote, new_end
WHERE l.date_start > stated_end AND l.date_start <= $at
  AND (new_end IS NULL OR
       CASE size(new_end)
         WHEN 4 THEN date(new_end + '-12-31')
         WHEN 7 THEN date(new_end + '-01') + duration('P1M') - duration('P1D')
         ELSE date(new_end) END < l.date_start)
WITH b, f, d0, stated_end, l, collect(DISTINCT how) AS hows, head(collect(quote)) AS quote
RETURN b.name AS body, b.uid AS uid, b.region AS region, f.stated_to AS stated_end,
       d0.uid AS end_document, f.evidence AS end_evidence,
       l.uid AS document, coalesce(l.date, l.date_inferred) AS document_date, hows AS treats_it_as_alive,
       quote AS evidence
ORDER BY region, body, document_date
