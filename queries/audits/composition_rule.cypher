// name: composition_rule
// title: Composition against the rule (data/reference/composition_rules.yaml)
// question: Where does the member list of a body that a composition rule applies to (e.g. the fagligt strategiske niveau of a sundhedsklynge) not hold what the rule requires at the date — or is the body the rule requires missing?
// spørgsmål: Hvor lever sammensætningen af et organ, som en sammensætningsregel gælder for (f.eks. det fagligt strategiske niveau i en sundhedsklynge), ikke op til reglens krav på datoen — eller mangler det organ, reglen kræver?
// params: at:date=2026-06-01, rules:yaml=data/reference/composition_rules.yaml
// row: one requirement of one rule that one body does not meet at the date (or a required body that is missing): the body the rule applies to, the body whose member list was checked, the requirement, what was expected and found, the seats' (or the body's) document and quote, and the rule's source and quote
// data: $rules is the YAML file, read by queries/audits.py (run the audit with `govgraph audit composition_rule`); run without it, the audit returns no rows
// (the parameter goes through a list so that a text value — the file name, when the query is run
// without queries/audits.py — gives no rows instead of a type error)
WITH [x IN [$rules, {}] WHERE valueType(x) STARTS WITH 'MAP'][0] AS data
WITH coalesce(data.rules, []) AS rules
UNWIND rules AS rule
WITH rule
WHERE (rule.in_force_from IS NULL OR date(rule.in_force_from) <= $at)
  AND (rule.in_force_to IS NULL OR $at <= date(rule.in_force_to))
// the bodies the rule applies to, valid at the date
MATCH (k:Body)
WHERE k.from_date <= $at AND (k.to_date IS NULL OR k.to_date >= $at)
  AND (rule.applies_to.kind IS NULL OR k.kind = rule.applies_to.kind)
  AND (rule.applies_to.name_prefix IS NULL OR k.name STARTS WITH rule.applies_to.name_prefix)
  AND (rule.applies_to.region IS NULL OR k.region = rule.applies_to.region)
  AND (NOT coalesce(rule.applies_to.instances_only, false)
       OR NOT EXISTS { MATCH (i:Body)-[:SUBGROUP_OF]->(k) WHERE i.kind = k.kind })
// the body whose member list is checked: the body itself, or its level (PART_OF it, or PART_OF
// the kind it is a SUBGROUP_OF)
WITH rule, k,
     CASE WHEN rule.subject IS NULL OR rule.subject.level IS NULL THEN [k] ELSE
       COLLECT {
         MATCH (lvl:Body)-[p:PART_OF]->(k)
         WHERE lvl.level = rule.subject.level
           AND lvl.from_date <= $at AND (lvl.to_date IS NULL OR lvl.to_date >= $at)
         RETURN lvl
         UNION
         MATCH (k)-[:SUBGROUP_OF]->(:Body)<-[:PART_OF]-(lvl:Body)
         WHERE lvl.level = rule.subject.level
           AND lvl.from_date <= $at AND (lvl.to_date IS NULL OR lvl.to_date >= $at)
         RETURN lvl
       } END AS subjects,
     COLLECT {
       MATCH (m:Organisation {kind: 'kommune'})-[r:PART_OF]->(k)
       WHERE r.from_date <= $at AND (r.to_date IS NULL OR r.to_date >= $at)
       RETURN m
     } AS kommuner
CALL (rule, k, subjects, kommuner) {
  // a required level that is missing
  WITH rule, k, subjects WHERE size(subjects) = 0
  MATCH (k)-[f:DESCRIBED_IN]->(d:Document)
  WITH rule, k, f, d ORDER BY d.date_start DESC
  WITH rule, k, head(collect({f: f, d: d})) AS latest
  RETURN k.name AS checked_body, 'subject' AS requirement,
         'a body at level ' + rule.subject.level + ' that is part of ' + k.name AS requirement_text,
         1 AS expected, 0 AS found,
         'no body at level ' + rule.subject.level + ' is part of it at the date' AS problem,
         latest.d.uid AS document, latest.f.evidence AS evidence,
         coalesce(rule.subject_source.document, rule.subject_source.law) AS rule_source,
         rule.subject_source.quote AS rule_quote
  UNION
  // every requirement, for every checked body
  WITH rule, k, subjects, kommuner
  UNWIND subjects AS lvl
  WITH rule, k, lvl, kommuner,
       [(s:Seat)-[:IN_BODY]->(lvl)
          WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)
            AND s.role IN coalesce(rule.member_roles, ['member', 'chair', 'co-chair', 'vice-chair'])
          | {seat: s, org: head([(s)-[:HELD_BY]->(o) | o]), appointer: head([(s)-[:APPOINTED_BY]->(a) | a])}]
         AS seats,
       [(s:Seat)-[:IN_BODY]->(lvl)
          WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)
            AND s.role IN ['chair', 'co-chair', 'vice-chair']
          | toLower(coalesce(s.title, '') + ' ' + coalesce(head([(s)-[:HELD_BY]->(o) | o.name + ' ' + coalesce(o.kind, '')]), ''))]
         AS chair_seats,
       [(lvl)-[f:DESCRIBED_IN]->(d:Document)
          WHERE f.chair IS NOT NULL AND coalesce(d.date_start, date('0001-01-01')) <= $at
          | toLower(f.chair)] AS chair_texts,
       head(COLLECT {
         MATCH (lvl)-[f:DESCRIBED_IN]->(d:Document)
         WHERE coalesce(d.date_start, date('0001-01-01')) <= $at
         RETURN {document: d.uid, evidence: f.evidence, chair: f.chair} ORDER BY d.date_start DESC
       }) AS latest
  UNWIND coalesce(rule.requirements, []) AS req
  WITH rule, k, lvl, kommuner, seats, chair_seats, chair_texts, latest, req,
       [x IN seats WHERE
          (req.match.organisation_kind IS NULL OR x.org.kind IN req.match.organisation_kind)
          AND (req.match.title_any IS NULL
               OR any(w IN req.match.title_any WHERE toLower(coalesce(x.seat.title, '')) CONTAINS toLower(w)))
          AND (req.match.appointed_by_any IS NULL
               OR (x.appointer IS NOT NULL AND any(n IN req.match.appointed_by_any
                   WHERE toLower(n) IN [y IN [x.appointer.name] + coalesce(x.appointer.aliases, []) | toLower(y)])))
          AND (req.match.per IS NULL OR x.seat.per = req.match.per)
       ] AS matched
  WITH rule, k, lvl, kommuner, chair_texts, chair_seats, latest, req, matched,
       reduce(t = 0, x IN matched | t + coalesce(x.seat.count, 0)) AS total,
       any(x IN matched WHERE x.seat.count IS NULL) AS unknown,
       [x IN matched WHERE x.seat.per = 'kommune'] AS per_kommune,
       [x IN matched WHERE x.seat.per IS NULL AND x.org.kind = 'kommune' | x.org] AS named_kommuner
  WITH rule, k, lvl, req, matched, total, unknown, latest, kommuner, per_kommune,
       [m IN kommuner WHERE NOT m IN named_kommuner | m.name] AS missing_kommuner,
       [m IN named_kommuner WHERE NOT m IN kommuner | m.name] AS extra_kommuner,
       reduce(s = '', t IN chair_texts + chair_seats | s + ' ' + t) AS chair_text
  WITH rule, k, lvl, req, matched, latest,
       CASE WHEN req.per_scope = 'kommuner' THEN req.count_per * size(kommuner)
            ELSE coalesce(req.count, req.min) END AS expected,
       CASE WHEN req.per_scope = 'kommuner' AND size(per_kommune) > 0 THEN
              CASE WHEN any(x IN per_kommune WHERE x.seat.count IS NULL) THEN null
                   ELSE reduce(t = 0, x IN per_kommune | t + x.seat.count) * size(kommuner) END
            WHEN req.per_scope = 'kommuner' THEN size(matched)
            WHEN req.kind = 'chair' THEN null
            WHEN unknown THEN null ELSE total END AS found,
       CASE
         WHEN req.kind = 'chair' THEN
           CASE WHEN all(w IN req.chair_mentions_all WHERE chair_text CONTAINS toLower(w)) THEN null
                WHEN trim(chair_text) = '' THEN 'no chair arrangement is stated'
                ELSE 'the chair arrangement does not name ' +
                     reduce(s = '', w IN [w IN req.chair_mentions_all WHERE NOT chair_text CONTAINS toLower(w)]
                            | s + CASE WHEN s = '' THEN '' ELSE ', ' END + w) END
         WHEN req.per_scope = 'kommuner' AND size(kommuner) = 0 THEN
           'the kommuner of ' + k.name + ' are not recorded at the date, so the seats per kommune cannot be checked'
         WHEN req.per_scope = 'kommuner' AND size(per_kommune) > 0 THEN
           CASE WHEN all(x IN per_kommune WHERE x.seat.count = req.count_per) THEN null
                ELSE 'the seats per kommune are ' +
                     reduce(s = '', x IN per_kommune | s + CASE WHEN s = '' THEN '' ELSE ' + ' END +
                            coalesce(toString(x.seat.count), 'unstated')) +
                     ', the rule says ' + toString(req.count_per) END
         WHEN req.per_scope = 'kommuner' AND size(missing_kommuner) + size(extra_kommuner) > 0 THEN
           CASE WHEN size(missing_kommuner) > 0 THEN 'no seat for ' +
                  reduce(s = '', n IN missing_kommuner | s + CASE WHEN s = '' THEN '' ELSE ', ' END + n)
                ELSE '' END +
           CASE WHEN size(missing_kommuner) > 0 AND size(extra_kommuner) > 0 THEN '; ' ELSE '' END +
           CASE WHEN size(extra_kommuner) > 0 THEN 'seats for kommuner outside ' + k.name + ': ' +
                  reduce(s = '', n IN extra_kommuner | s + CASE WHEN s = '' THEN '' ELSE ', ' END + n)
                ELSE '' END
         WHEN size(matched) = 0 THEN 'no seat matches'
         WHEN unknown THEN 'the number of matching seats is not stated'
         WHEN req.count IS NOT NULL AND total <> req.count THEN
           'expected ' + toString(req.count) + ' seats, found ' + toString(total)
         WHEN req.min IS NOT NULL AND total < req.min THEN
           'expected at least ' + toString(req.min) + ' seats, found ' + toString(total)
         WHEN req.max IS NOT NULL AND total > req.max THEN
           'expected at most ' + toString(req.max) + ' seats, found ' + toString(total)
         WHEN req.qualifier IS NOT NULL AND NOT any(x IN matched
              WHERE toLower(coalesce(x.seat.evidence, '') + ' ' + coalesce(x.seat.title, ''))
                    CONTAINS toLower(req.qualifier.quote_contains)) THEN
           'no matching seat says "' + req.qualifier.quote_contains + '"'
         ELSE null END AS problem
  WHERE problem IS NOT NULL
  WITH rule, k, lvl, req, expected, found, problem, latest, matched,
       [x IN matched | x.seat.evidence] AS quotes
  RETURN lvl.name AS checked_body, req.id AS requirement, req.text AS requirement_text,
         expected, found, problem,
         CASE WHEN size(matched) > 0 THEN matched[0].seat.document ELSE latest.document END AS document,
         CASE WHEN req.kind = 'chair' THEN coalesce(latest.chair, latest.evidence)
              WHEN size(quotes) > 0 THEN reduce(s = '', q IN quotes | s + CASE WHEN s = '' THEN '' ELSE ' | ' END + q)
              ELSE latest.evidence END AS evidence,
         coalesce(req.source.document, req.source.law) AS rule_source, req.source.quote AS rule_quote
}
RETURN k.name AS body, k.region AS region, checked_body, requirement, requirement_text, expected, found,
       problem, rule.id AS rule, rule_source, rule_quote, k.uid AS body_uid, document, evidence
ORDER BY region, body, checked_body, requirement
