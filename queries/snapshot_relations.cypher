// name: snapshot_relations
// title: Relations at a date
// question: Which lines (reporting, subgroups, boards, secretariats …) hold between bodies and organisations at the date?
// params: at:date
// row: one typed relation valid at the date, from source to target, with its document and quote (or, when inferred, the analyst's note)
MATCH (a:Party)-[r:PREPARES_CASES_FOR|REPORTS_TO|CAN_RAISE_CASES_TO|SUBGROUP_OF|BOARD_OF|SECRETARIAT_FOR|FOLLOWS_UP_ON|ADVISES|COORDINATES_WITH|SUCCEEDS|PART_OF]->(b:Party)
WHERE r.document IS NOT NULL AND r.from_date <= $at AND (r.to_date IS NULL OR r.to_date >= $at)
RETURN r.uid AS uid, a.name AS source, a.uid AS source_uid, type(r) AS type, b.name AS target,
       b.uid AS target_uid, r.valid_from AS valid_from, r.valid_to AS valid_to,
       $at >= r.from_date_latest AND (r.to_date IS NULL OR $at <= r.to_date_earliest) AS certain,
       r.inferred AS inferred, r.note AS note, r.document AS document, r.evidence AS evidence
ORDER BY source, type, target
