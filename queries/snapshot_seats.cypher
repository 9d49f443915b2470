// name: snapshot_seats
// title: Seats at a date
// question: Which seats do the bodies have at the date?
// params: at:date
// row: one seat line of a member list valid at the date: the body, how many, the title, the organisation it comes from, who appoints it, its role, and the document and quote behind it
MATCH (s:Seat)-[:IN_BODY]->(b:Body)
WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)
OPTIONAL MATCH (s)-[:HELD_BY]->(o:Party)
OPTIONAL MATCH (s)-[:APPOINTED_BY]->(a:Party)
RETURN s.uid AS uid, b.name AS body, b.uid AS body_uid, s.count AS count, s.count_max AS count_max,
       s.per AS per, s.title AS title, o.name AS organisation, o.uid AS organisation_uid,
       a.name AS appointed_by, s.role AS role, s.valid_from AS valid_from, s.valid_to AS valid_to,
       $at >= s.from_date_latest AND (s.to_date IS NULL OR $at <= s.to_date_earliest) AS certain,
       s.document AS document, s.evidence AS evidence
ORDER BY body, s.ordinal, role, title
