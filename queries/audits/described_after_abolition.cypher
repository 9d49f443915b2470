// name: described_after_abolition
// title: Bodies described after the abolition of their type
// question: Which documents, dated after a reform abolished a type of body (data/reference/reforms.yaml: the SKU after 30 Jun 2022; sundhedsklynger, kontaktudvalg and the SSU after 31 Dec 2026) and on or before the date, still describe such a body, state a relation to it or list its members?
// spørgsmål: Hvilke dokumenter, dateret efter at en reform nedlagde en type organ (data/reference/reforms.yaml: SKU efter 30. juni 2022; sundhedsklynger, kontaktudvalg og SSU efter 31. december 2026) og senest på datoen, beskriver stadig et sådant organ, angiver en relation til det eller dets deltagerkreds?
// params: at:date=2026-06-01, reforms:yaml=data/reference/reforms.yaml
// row: one body of an abolished type and one document dated after the abolition that treats it as alive: the reform, the abolition date and why (with its source), the later document and its quote
// data: $reforms is data/reference/reforms.yaml (its `abolitions`), read by queries/audits.py; run without it, the audit returns no rows
// (the parameter goes through a list so that a text value — the file name, when the query is run
// without queries/audits.py — gives no rows instead of a type error)
WITH [x IN [$reforms, {}] WHERE valueType(x) STARTS WITH 'MAP'][0] AS data
WITH coalesce(data.abolitions, []) AS rules
UNWIND rules AS rule
WITH rule, date(rule.ends) AS abolished,
     [n IN coalesce(rule.names, []) | toLower(n)] AS names, coalesce(rule.kinds, []) AS kinds
WHERE abolished < $at
MATCH (b:Body)
WHERE (toLower(b.name) IN names OR b.kind IN kinds) AND b.from_date <= abolished
CALL (b) {
  MATCH (b)-[g:DESCRIBED_IN]->(l:Document)
  RETURN l, 'describes it' AS how, g.evidence AS quote
  UNION
  MATCH (b)-[r]-(:Party) WHERE r.document IS NOT NULL
  MATCH (l:Document {uid: r.document})
  RETURN l, 'states ' + type(r) AS how, r.evidence AS quote
  UNION
  MATCH (s:Seat)-[:IN_BODY]->(b)
  MATCH (l:Document {uid: s.document})
  RETURN l, 'lists its members' AS how, s.evidence AS quote
}
WITH rule, abolished, b, l, how, quote
WHERE l.date_start > abolished AND l.date_start <= $at
WITH rule, abolished, b, l, collect(DISTINCT how) AS hows, head(collect(quote)) AS quote
RETURN b.name AS body, b.uid AS uid, b.kind AS kind, b.region AS region, rule.reform AS reform,
       abolished, rule.why AS abolished_because, l.uid AS document,
       coalesce(l.date, l.date_inferred) AS document_date, hows AS treats_it_as_alive, quote AS evidence
ORDER BY region, body, document_date
