// name: cross_sector_one_sided
// title: Cross-sector bodies without municipal or regional seats
// question: Which cross-sector bodies at the date (their texts speak of region and kommune together, of "tværsektoriel" or "regional-kommunal" work, or their seats come from more than one sector) have a member list with no municipal seat or no regional seat?
// spørgsmål: Hvilke tværsektorielle organer (teksten nævner region og kommune sammen, tværsektorielt eller regionalt-kommunalt samarbejde, eller pladserne kommer fra mere end én sektor) har på datoen en deltagerkreds uden kommunal eller uden regional plads?
// params: at:date=2026-06-01
// row: one body with a member list valid at the date that is cross-sector but lacks the municipal or the regional side (a seat's sector comes from its holder: kind kommune or a name with kommun/KOSU/KKR; kind region or hospital, part of a region, or a name starting with Region; almen praksis); what is missing, the sectors found, the member list's document and its seat quotes
MATCH (b:Body)
WHERE b.from_date <= $at AND (b.to_date IS NULL OR b.to_date >= $at)
MATCH (s:Seat)-[:IN_BODY]->(b)
WHERE s.from_date <= $at AND (s.to_date IS NULL OR s.to_date >= $at)
  AND s.role IN ['member', 'chair', 'co-chair', 'vice-chair']
WITH b, s ORDER BY s.document, s.ordinal
WITH b, collect(s) AS seats
WITH b, seats,
     [s IN seats | head([(s)-[:HELD_BY]->(o:Party) |
        CASE WHEN o.kind = 'kommune' OR any(n IN [o.name] + coalesce(o.aliases, []) WHERE toLower(n) =~ '.*(kommun|kosu|kkr).*')
               THEN 'kommune'
             WHEN o.kind IN ['region', 'hospital'] OR toLower(o.name) STARTS WITH 'region'
                  OR EXISTS { MATCH (o)-[:PART_OF]->(:Organisation {kind: 'region'}) }
               THEN 'region'
             WHEN o.kind = 'almen-praksis' OR any(n IN [o.name] + coalesce(o.aliases, [])
                                                  WHERE toLower(n) IN ['plo', 'praktiserende lægers organisation'])
               THEN 'almen praksis'
             ELSE null END])] AS seat_sectors,
     toLower(reduce(t = b.name, x IN coalesce(b.aliases, []) | t + ' ' + x) + ' ' +
             reduce(t = '', x IN [(b)-[f:DESCRIBED_IN]->(d:Document)
                                    WHERE coalesce(d.date_start, date('0001-01-01')) <= $at
                                    | coalesce(f.evidence, '') + ' ' + coalesce(f.chair, '') + ' ' +
                                      coalesce(f.decision_competence, '')] | t + ' ' + x) + ' ' +
             reduce(t = '', s IN seats | t + ' ' + s.evidence)) AS text
WITH b, seats, text, reduce(acc = [], x IN seat_sectors | CASE WHEN x IS NULL OR x IN acc THEN acc ELSE acc + x END) AS sectors
WHERE (text CONTAINS 'tværsektoriel' OR text CONTAINS 'regional-kommunal' OR text CONTAINS 'regionale-kommunale'
       OR (text CONTAINS 'kommun' AND text CONTAINS 'region') OR size(sectors) >= 2)
WITH b, seats, sectors, [x IN ['kommune', 'region'] WHERE NOT x IN sectors] AS missing
WHERE size(missing) > 0
RETURN b.name AS body, b.uid AS uid, b.kind AS kind, b.region AS region, missing, sectors,
       head([s IN seats | s.document]) AS document,
       reduce(t = '', s IN seats | t + CASE WHEN t = '' THEN '' ELSE ' | ' END + s.evidence) AS evidence
ORDER BY region, body
