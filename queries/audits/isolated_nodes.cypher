// name: isolated_nodes
// title: Bodies and organisations without any relation
// question: Which bodies valid at the date, and which organisations, have no relation (reporting, subgroup, board, secretariat, lineage …) and no seat link (a member list, a seat held or appointed) that holds at the date?
// spørgsmål: Hvilke organer, der findes på datoen, og hvilke organisationer har ingen relation (referencer, undergrupper, bestyrelse, sekretariat, afløsning …) og ingen pladser (deltagerkreds, pladser de har eller udpeger), der gælder på datoen?
// params: at:date=2026-06-01
// row: one body or organisation cut off from the rest of the graph at the date: the latest document on or before the date that names it and its quote
MATCH (p:Party)
WHERE (p:Organisation OR (p.from_date <= $at AND (p.to_date IS NULL OR p.to_date >= $at)))
  AND NOT EXISTS { MATCH (p)-[r]-(:Party)
                   WHERE r.document IS NOT NULL
                     AND (r.from_date IS NULL OR (r.from_date <= $at AND (r.to_date IS NULL OR r.to_date >= $at))) }
  AND NOT EXISTS { MATCH (p)-[:IN_BODY|HELD_BY|APPOINTED_BY]-(s:Seat)
                   WHERE s.from_date IS NULL OR (s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)) }
MATCH (p)-[f:DESCRIBED_IN|MENTIONED_IN]->(d:Document)
WHERE coalesce(d.date_start, date('0001-01-01')) <= $at
WITH p, f, d ORDER BY d.date_start DESC
WITH p, head(collect({f: f, d: d})) AS latest
RETURN p.name AS name, p.uid AS uid, CASE WHEN p:Body THEN 'body' ELSE 'organisation' END AS node,
       p.kind AS kind, p.region AS region, latest.d.uid AS document, latest.f.evidence AS evidence
ORDER BY node, region, name
