// name: task_handover_gap_overlap
// title: Tasks handed over with a gap or an overlap
// question: Which tasks (a board, a secretariat: relations of the given types to the same target, stated by different documents) passed from one body to another with a gap (nobody holds the task for a while) or an overlap (both hold it at the same time), where the handover happened on or before the date?
// spørgsmål: Hvilke opgaver (bestyrelse, sekretariat: relationer af de givne typer til samme mål, angivet i forskellige dokumenter) gik fra ét organ til et andet med et hul (ingen varetager opgaven i en periode) eller et overlap (begge varetager den samtidig), hvor overdragelsen skete senest på datoen?
// params: at:date=2026-06-01, types:string=BOARD_OF|SECRETARIAT_FOR
// types: the relation types that are tasks, separated by | or , (e.g. --param types=BOARD_OF|SECRETARIAT_FOR|FOLLOWS_UP_ON)
// row: one pair of holders of a task: the task (type and target), who held it before and who after, gap or overlap and its period, the later holder's document and quote and the earlier holder's document and quote
WITH [x IN split(replace($types, ',', '|'), '|') WHERE trim(x) <> '' | toUpper(trim(x))] AS types
MATCH (a:Party)-[r1]->(t:Party)<-[r2]-(b:Party)
WHERE type(r1) IN types AND type(r2) = type(r1) AND a <> b
  AND r1.document <> r2.document
  AND r1.from_date IS NOT NULL AND r2.from_date IS NOT NULL
  AND (r1.from_date < r2.from_date OR (r1.from_date = r2.from_date AND r1.uid < r2.uid))
  AND r2.from_date <= $at
WITH a, b, t, r1, r2,
     CASE WHEN r1.to_date IS NULL OR r1.to_date >= r2.from_date THEN 'overlap'
          WHEN r1.to_date + duration('P1D') < r2.from_date THEN 'gap'
          ELSE null END AS finding
WHERE finding IS NOT NULL
  AND (finding = 'overlap' OR (
        // the day after the earlier holder stops, nobody else holds the task …
        NOT EXISTS { MATCH (:Party)-[r3]->(t)
                     WHERE type(r3) = type(r1) AND r3 <> r1 AND r3.from_date IS NOT NULL
                       AND r3.from_date <= r1.to_date + duration('P1D')
                       AND (r3.to_date IS NULL OR r3.to_date > r1.to_date) }
        // … and the later holder is the next to take it
        AND NOT EXISTS { MATCH (:Party)-[r3]->(t)
                         WHERE type(r3) = type(r1) AND r3.from_date > r1.to_date
                           AND r3.from_date < r2.from_date }))
RETURN type(r1) AS task, t.name AS target, a.name AS earlier_holder, b.name AS later_holder, finding,
       CASE finding WHEN 'gap' THEN r1.to_date + duration('P1D') ELSE r2.from_date END AS period_from,
       CASE finding WHEN 'gap' THEN r2.from_date - duration('P1D')
            ELSE CASE WHEN r1.to_date IS NULL THEN r2.to_date
                      WHEN r2.to_date IS NULL OR r1.to_date < r2.to_date THEN r1.to_date
                      ELSE r2.to_date END END AS period_to,
       r1.valid_from AS earlier_from, r1.valid_to AS earlier_to, r1.to_reason AS earlier_end_reason,
       r2.valid_from AS later_from, r2.valid_to AS later_to,
       r2.document AS document, r2.evidence AS evidence,
       r1.document AS earlier_document, r1.evidence AS earlier_evidence
ORDER BY task, target, period_from
