import type { z } from 'zod'
import type {
  CompositeIndex,
  classesQuery,
  DistrictProfile,
  IndexQuery,
  IndicatorClasses,
} from '../contract/indicators.schema.ts'
import type { Queries } from '../db/sql-client.ts'

// The statistics of the choropleths, all in SQL: class bounds by quantiles (percentile_cont),
// equal intervals or natural breaks (class_bounds and jenks_breaks, migration 024), counts per
// class, the composite index and a district's profile against the city's median.

type Fragment = ReturnType<Queries['unsafe']>
type ClassMethod = z.infer<typeof classesQuery>['method']

/**
 * Classes and each district's class for `values`, a query of (id, key, name, value). A value
 * belongs to the first class whose upper bound it does not exceed.
 */
async function classify(sql: Queries, values: Fragment, method: ClassMethod, k: number) {
  const [row]: [IndicatorClasses?] = await sql`
    with vals as (${values}),
    bounds as (select class_bounds(array_agg(value), ${method}, ${k}::int) as ub, min(value) as lo from vals),
    classed as (
      select v.*, (select min(i) from generate_subscripts(b.ub, 1) i where v.value <= b.ub[i]) as class
        from vals v, bounds b
    )
    select
      coalesce((select jsonb_agg(jsonb_build_object(
                  'class', i, 'lower', case when i = 1 then b.lo else b.ub[i - 1] end, 'upper', b.ub[i],
                  'count', (select count(*) from classed c where c.class = i)) order by i)
                  from bounds b, generate_subscripts(b.ub, 1) i), '[]') as classes,
      coalesce((select jsonb_agg(jsonb_build_object('id', id, 'key', key, 'name', name, 'value', value,
                                                    'class', class) order by key)
                  from classed), '[]') as districts`
  return row ?? { classes: [], districts: [] }
}

/** One indicator's classes in `year`, or of its change since `since`, over the districts with values. */
export function indicatorClasses(
  sql: Queries,
  indicator: string,
  query: z.infer<typeof classesQuery>,
): Promise<IndicatorClasses> {
  const since = query.since ?? null
  return classify(
    sql,
    sql`
      select d.id::float8 as id, d.key, d.name, v.value - coalesce(p.value, 0) as value
        from indicator_values v
        join districts d on d.municipality = v.municipality and d.key = v.district_key
        left join indicator_values p on p.indicator = v.indicator and p.municipality = v.municipality
                                    and p.district_key = v.district_key and p.year = ${since}::int
       where v.indicator = ${indicator} and v.year = ${query.year}::int and v.municipality = default_municipality()
         and (${since}::int is null or p.value is not null)`,
    query.method,
    query.classes,
  )
}

/**
 * The composite index per district: each chosen indicator oriented so that higher means more
 * need (negated where higher is better), standardised over the districts (z-score with the
 * population standard deviation, or percent_rank from 0 to 1), then the weighted mean. Only
 * districts with a value for every chosen indicator in `year` are ranked.
 */
function indexValues(sql: Queries, query: IndexQuery): Fragment {
  return sql`
    with chosen as (
      select c.indicator, c.weight, coalesce(c.higher_is, i.higher_is) as higher_is
        from jsonb_to_recordset(${sql.json(query.indicators)}) as c(indicator text, weight float8, higher_is text)
        join indicators i on i.key = c.indicator
    ),
    vals as (
      select v.district_key, c.indicator, c.weight,
             case when c.higher_is = 'better' then -v.value else v.value end as oriented
        from indicator_values v join chosen c on c.indicator = v.indicator
       where v.year = ${query.year}::int and v.municipality = default_municipality()
    ),
    complete as (
      select * from vals
       where district_key in (select district_key from vals group by district_key
                               having count(*) = (select count(*) from chosen))
    ),
    scored as (
      select district_key, indicator, weight,
             case when ${query.standardise}::text = 'z'
                  then coalesce((oriented - avg(oriented) over per) / nullif(stddev_pop(oriented) over per, 0), 0)
                  else percent_rank() over (per order by oriented)
             end as score
        from complete
      window per as (partition by indicator)
    )
    select d.id::float8 as id, d.key, d.name, sum(s.weight * s.score) / sum(s.weight) as value,
           jsonb_object_agg(s.indicator, round(s.score::numeric, 4)) as scores
      from scored s join districts d on d.municipality = default_municipality() and d.key = s.district_key
     group by d.id, d.key, d.name`
}

/** The composite index: the ranking (1 = most need) and its classes for the choropleth. */
export async function compositeIndex(sql: Queries, query: IndexQuery): Promise<CompositeIndex> {
  const ranking = await sql<CompositeIndex['ranking']>`
    select rank() over (order by value desc)::int as rank, id, key, name, value as index, scores
      from (${indexValues(sql, query)}) x
     order by value desc, key`
  const classes = await classify(sql, indexValues(sql, query), query.method, query.classes)
  return { ...classes, ranking }
}

/** A district's value of every indicator in `year` against the city's median, range and rank. */
export async function districtProfile(
  sql: Queries,
  key: string,
  year: number,
): Promise<DistrictProfile | undefined> {
  const [district]: [{ key: string; name: string }?] = await sql`
    select key, name from districts where key = ${key} and municipality = default_municipality()`
  if (!district) return undefined
  const indicators = await sql<DistrictProfile['indicators']>`
    with y as (
      select v.indicator, v.district_key, v.value, i.higher_is
        from indicator_values v join indicators i on i.key = v.indicator
       where v.year = ${year}::int and v.municipality = default_municipality()
    ),
    stats as (
      select indicator, percentile_cont(0.5) within group (order by value) as median,
             min(value) as min, max(value) as max, count(*)::int as of
        from y group by indicator
    ),
    ranked as (
      select y.*, rank() over (partition by indicator
                               order by case when higher_is = 'worse' then -value else value end)::int as rank
        from y
    )
    select i.key as indicator, i.name_de, i.name_en, i.unit, i.higher_is, r.value, s.median, s.min, s.max,
           r.rank, s.of
      from ranked r join stats s on s.indicator = r.indicator join indicators i on i.key = r.indicator
     where r.district_key = ${key}
     order by i.key`
  return { ...district, year, indicators }
}
