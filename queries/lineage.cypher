// name: lineage
// title: Lineage of a body
// question: Which bodies came before and after this one (SUCCEEDS, over any number of steps)?
// params: body:string
// row: one predecessor or successor, how many steps away, and the link's evidence or the analyst's note when the link is inferred
MATCH (b:Body) WHERE b.uid = $body OR b.name = $body
CALL (b) {
  MATCH p = (b)-[:SUCCEEDS*1..12]->(o:Body)
  RETURN 'predecessor' AS direction, o, length(p) AS steps, last(relationships(p)) AS link
  UNION
  MATCH p = (o:Body)-[:SUCCEEDS*1..12]->(b)
  RETURN 'successor' AS direction, o, length(p) AS steps, head(relationships(p)) AS link
}
RETURN b.name AS body, direction, o.name AS other, o.uid AS other_uid, steps,
       o.valid_from AS other_from, o.valid_to AS other_to,
       link.inferred AS inferred, link.note AS note, link.document AS document, link.evidence AS evidence
ORDER BY direction, steps, other
