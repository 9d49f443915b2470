// name: kommune_coverage
// title: Kommuner left out or covered twice by the klynge / sundhedsråd structure
// question: In the regions that have sundhedsklynger (or klynger) or sundhedsråd at the date, which kommuner belong to none of them, or to more than one, at the date (using the reference data of the 98 kommuner and their memberships)?
// spørgsmål: Hvilke kommuner hører på datoen ikke til nogen — eller til mere end én — af regionens (sundheds)klynger eller sundhedsråd, i de regioner der har en sådan struktur på datoen (ud fra referencedata for de 98 kommuner og deres medlemskaber)?
// params: at:date=2026-06-01
// row: one kommune (an organisation of kind kommune, part of its region at the date) and one structure (klynge or sundhedsråd) of its region at the date: `left out` when other kommuner of the region are members but it is not, `covered twice` when it is a member of two or more, `membership not recorded` when the region has the structure but no kommune's membership is recorded; the document and quote of the kommune's reference line (and of its memberships)
MATCH (k:Organisation {kind: 'kommune'})-[rr:PART_OF]->(r:Organisation {kind: 'region'})
WHERE rr.from_date <= $at AND (rr.to_date IS NULL OR rr.to_date >= $at)
UNWIND ['klynge', 'sundhedsråd'] AS structure
WITH k, r, rr, structure,
     COLLECT {
       MATCH (x:Body) WHERE x.region = r.name
         AND x.from_date <= $at AND (x.to_date IS NULL OR x.to_date >= $at)
         AND CASE structure WHEN 'klynge' THEN x.kind = 'klynge'
                            ELSE x.kind = 'råd' AND toLower(x.name) STARTS WITH 'sundhedsråd' END
       RETURN x.name ORDER BY x.name
     } AS present
WHERE size(present) > 0
WITH k, r, rr, structure, present,
     COLLECT {
       MATCH (k)-[m:PART_OF]->(x:Body)
       WHERE m.from_date <= $at AND (m.to_date IS NULL OR m.to_date >= $at)
         AND x.from_date <= $at AND (x.to_date IS NULL OR x.to_date >= $at)
         AND CASE structure WHEN 'klynge' THEN x.kind = 'klynge'
                            ELSE x.kind = 'råd' AND toLower(x.name) STARTS WITH 'sundhedsråd' END
       RETURN {body: x.name, document: m.document, evidence: m.evidence} ORDER BY x.name
     } AS memberships,
     COUNT {
       MATCH (k2:Organisation {kind: 'kommune'})-[r2:PART_OF]->(r)
       MATCH (k2)-[m2:PART_OF]->(x2:Body)
       WHERE r2.from_date <= $at AND (r2.to_date IS NULL OR r2.to_date >= $at)
         AND m2.from_date <= $at AND (m2.to_date IS NULL OR m2.to_date >= $at)
         AND x2.from_date <= $at AND (x2.to_date IS NULL OR x2.to_date >= $at)
         AND CASE structure WHEN 'klynge' THEN x2.kind = 'klynge'
                            ELSE x2.kind = 'råd' AND toLower(x2.name) STARTS WITH 'sundhedsråd' END
     } AS recorded_in_region
WITH k, r, rr, structure, present, memberships,
     CASE WHEN size(memberships) > 1 THEN 'covered twice'
          WHEN size(memberships) = 0 AND recorded_in_region > 0 THEN 'left out'
          WHEN size(memberships) = 0 THEN 'membership not recorded'
          ELSE null END AS finding
WHERE finding IS NOT NULL
RETURN k.name AS kommune, k.uid AS kommune_uid, r.name AS region, structure, finding,
       [m IN memberships | m.body] AS member_of, present AS structure_bodies,
       [rr.document] + [m IN memberships | m.document] AS document,
       [rr.evidence] + [m IN memberships | m.evidence] AS evidence
ORDER BY region, kommune, structure
