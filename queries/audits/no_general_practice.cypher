// name: no_general_practice
// title: Bodies without almen praksis
// question: Which constituted bodies at the date (non-political bodies with a member list valid at the date, except chair arrangements and secretariats) have no seat for almen praksis (general practitioners, PLO, the almenmedicinske tilbud)?
// spørgsmål: Hvilke nedsatte organer (ikke-politiske organer med en deltagerkreds på datoen, bortset fra formandskaber og sekretariater) har ingen plads til almen praksis (praktiserende læger, PLO, de almenmedicinske tilbud) på datoen?
// params: at:date=2026-06-01
// row: one body whose member list at the date has no member seat held by or appointed by almen praksis (an organisation of kind almen-praksis, PLO / Praktiserende Lægers Organisation) and no seat titled praktiserende læge / almen praksis; standing invitations do not count; the member list's document and its seat quotes
MATCH (b:Body)
WHERE b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
  AND coalesce(b.level, '') <> 'political' AND NOT b.kind IN ['formandskab', 'sekretariat']
MATCH (s:Seat)-[:IN_BODY]->(b)
WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)
  AND s.role IN ['member', 'chair', 'co-chair', 'vice-chair']
WITH b, s ORDER BY s.document, s.ordinal
WITH b, collect(s) AS seats
WHERE none(s IN seats WHERE
        toLower(coalesce(s.title, '')) =~ '.*(praktiserende læge|almen ?praksis|almenmedicinsk|almenlæge).*'
        OR EXISTS { MATCH (s)-[:HELD_BY|APPOINTED_BY]->(o:Party)
                    WHERE o.kind = 'almen-praksis'
                       OR any(n IN [o.name] + coalesce(o.aliases, [])
                              WHERE toLower(n) IN ['plo', 'praktiserende lægers organisation']) })
RETURN b.name AS body, b.uid AS uid, b.kind AS kind, b.region AS region, size(seats) AS seat_lines,
       head([s IN seats | s.document]) AS document,
       reduce(t = '', s IN seats | t + CASE WHEN t = '' THEN '' ELSE ' | ' END + s.evidence) AS evidence
ORDER BY region, body
