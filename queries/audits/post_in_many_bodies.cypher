// name: post_in_many_bodies
// title: Posts that sit in many bodies
// question: Which posts (a title at an organisation, e.g. the koncerndirektør of a region) hold member seats in more than n bodies at the date?
// spørgsmål: Hvilke poster (en titel i en organisation, f.eks. regionens koncerndirektør) har medlemspladser i flere end n organer på datoen?
// params: at:date=2026-06-01, n:int=2
// row: one post (seat title, case-insensitive, at the organisation that holds the seat) with member/chair seats valid at the date in more than n bodies valid at the date: the bodies, the documents of the seats and their quotes
MATCH (s:Seat)-[:IN_BODY]->(b:Body)
WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)
  AND b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
  AND s.role IN ['member', 'chair', 'co-chair', 'vice-chair'] AND s.title IS NOT NULL
MATCH (s)-[:HELD_BY]->(o:Party)
WITH toLower(trim(s.title)) AS post, o, b, s ORDER BY b.name, s.document
WITH post, o, collect(DISTINCT b.name) AS bodies, collect(s) AS seats
WHERE size(bodies) > $n
RETURN post AS title, o.name AS organisation, o.uid AS organisation_uid, size(bodies) AS body_count, bodies,
       reduce(acc = [], s IN seats | CASE WHEN s.document IN acc THEN acc ELSE acc + s.document END) AS document,
       [s IN seats | s.evidence] AS evidence
ORDER BY body_count DESC, organisation, title
