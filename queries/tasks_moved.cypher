// name: tasks_moved
// title: Tasks passed on
// question: Which tasks (a board, a secretariat, a relation to the same target) did this body hand over to another body, or take over from one?
// params: body:string
// row: one task (relation type and target) held by this body and by another body at different times; `direction` says whether the task was passed on or taken over
MATCH (b:Body) WHERE b.uid = $body OR b.name = $body
MATCH (b)-[r]->(t:Party) WHERE type(r) IN ['BOARD_OF', 'SECRETARIAT_FOR', 'FOLLOWS_UP_ON', 'PREPARES_CASES_FOR']
MATCH (o:Body)-[r2]->(t) WHERE type(r2) = type(r) AND o <> b AND r2.from_date IS NOT NULL
  AND r.from_date IS NOT NULL AND r2.from_date <> r.from_date
RETURN b.name AS body, type(r) AS task, t.name AS target,
       CASE WHEN r2.from_date > r.from_date THEN 'passed on to' ELSE 'taken over from' END AS direction,
       o.name AS other, r.valid_from AS body_from, r.valid_to AS body_to,
       r2.valid_from AS other_from, r2.valid_to AS other_to,
       r.document AS document, r.evidence AS evidence, r2.document AS other_document,
       r2.evidence AS other_evidence
ORDER BY task, target, other_from
