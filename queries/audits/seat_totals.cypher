// name: seat_totals
// title: Seat totals per organisation
// question: How many member seats does each organisation (or, for seats without a holder, each appointing organisation) hold across the bodies at the date?
// spørgsmål: Hvor mange medlemspladser har hver organisation (eller, for pladser uden indehaver, hver udpegende organisation) i organerne på datoen?
// params: at:date=2026-06-01
// row: one organisation with member/chair seats valid at the date (in bodies valid at the date): `seats` sums the stated counts of its seat lines without a "per", `seats_max` the upper ends of ranges ("1-2"), `lines_without_count` counts lines with no number, `per_seats` lists the lines given per kommune/klynge/…; the bodies, the seats' documents and quotes
MATCH (s:Seat)-[:IN_BODY]->(b:Body)
WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)
  AND b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
  AND s.role IN ['member', 'chair', 'co-chair', 'vice-chair']
OPTIONAL MATCH (s)-[:HELD_BY]->(o:Party)
OPTIONAL MATCH (s)-[:APPOINTED_BY]->(a:Party)
WITH coalesce(o, a) AS holder, CASE WHEN o IS NOT NULL THEN 'holds' WHEN a IS NOT NULL THEN 'appoints'
                                    ELSE 'none' END AS via, s, b
ORDER BY b.name, s.document, s.ordinal
WITH holder, via, collect(s) AS seats, collect(DISTINCT b.name) AS bodies
RETURN coalesce(holder.name, '(no organisation stated)') AS organisation, holder.uid AS organisation_uid,
       holder.kind AS kind, via,
       reduce(t = 0, s IN seats | t + CASE WHEN s.per IS NULL THEN coalesce(s.count, 0) ELSE 0 END) AS seats,
       reduce(t = 0, s IN seats | t + CASE WHEN s.per IS NULL THEN coalesce(s.count_max, s.count, 0) ELSE 0 END) AS seats_max,
       size([s IN seats WHERE s.count IS NULL AND s.per IS NULL]) AS lines_without_count,
       [s IN seats WHERE s.per IS NOT NULL | coalesce(toString(s.count), '?') + ' per ' + s.per + ' (' + s.body + ')'] AS per_seats,
       size(bodies) AS body_count, bodies,
       reduce(acc = [], s IN seats | CASE WHEN s.document IN acc THEN acc ELSE acc + s.document END) AS document,
       [s IN seats | s.evidence] AS evidence
ORDER BY seats DESC, organisation
