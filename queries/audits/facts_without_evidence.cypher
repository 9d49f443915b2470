// name: facts_without_evidence
// title: Facts without evidence from a source
// question: Which facts that hold at the date (relations, seats, descriptions of bodies, mentions of organisations) have no verbatim evidence, or rest on an analyst's inference rather than on what a source document states?
// spørgsmål: Hvilke fakta, der gælder på datoen (relationer, pladser, beskrivelser af organer, omtaler af organisationer), har intet ordret citat som belæg, eller bygger på en analytikers slutning frem for på, hvad et kildedokument siger?
// params: at:date=2026-06-01
// row: one fact that holds at the date (or whose time is unknown): what it is, the problem (no evidence / inferred by an analyst), the analyst's note, its document and whatever quote it carries
CALL () {
  MATCH (a:Party)-[r]->(b:Party)
  WHERE r.document IS NOT NULL
    AND (r.from_date IS NULL OR (r.from_date <= $at AND (r.to_date IS NULL OR r.to_date >= $at)))
    AND (r.evidence IS NULL OR trim(r.evidence) = '' OR coalesce(r.inferred, false))
  RETURN 'relation' AS fact, a.name + ' ' + type(r) + ' ' + b.name AS what, r.uid AS uid,
         CASE WHEN coalesce(r.inferred, false) THEN 'inferred by an analyst' ELSE 'no evidence' END AS problem,
         r.note AS note, r.document AS document, r.evidence AS evidence
  UNION
  MATCH (s:Seat)-[:IN_BODY]->(b:Body)
  WHERE (s.from_date IS NULL OR (s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)))
    AND (s.evidence IS NULL OR trim(s.evidence) = '')
  RETURN 'seat' AS fact, b.name + ': ' + coalesce(s.title, s.organisation, s.role) AS what, s.uid AS uid,
         'no evidence' AS problem, null AS note, s.document AS document, s.evidence AS evidence
  UNION
  MATCH (b:Body)-[f:DESCRIBED_IN]->(d:Document)
  WHERE (b.from_date IS NULL OR (b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)))
    AND coalesce(d.date_start, date('0001-01-01')) <= $at
    AND (f.evidence IS NULL OR trim(f.evidence) = '')
  RETURN 'body' AS fact, b.name AS what, b.uid AS uid, 'no evidence' AS problem, f.note AS note,
         d.uid AS document, f.evidence AS evidence
  UNION
  MATCH (o:Organisation)-[m:MENTIONED_IN]->(d:Document)
  WHERE coalesce(d.date_start, date('0001-01-01')) <= $at
    AND (m.evidence IS NULL OR trim(m.evidence) = '')
  RETURN 'organisation' AS fact, o.name AS what, o.uid AS uid, 'no evidence' AS problem, m.note AS note,
         d.uid AS document, m.evidence AS evidence
}
RETURN fact, what, problem, note, uid, document, evidence
ORDER BY fact, what, document
