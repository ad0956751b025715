-- Indicators per district (issue 19): definitions, values by official district key and year, the
-- candidates for a pilot area, and the statistics PostgreSQL lacks (natural breaks, class bounds).

create table indicators (
  key text primary key check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  name_de text not null check (length(name_de) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  unit text not null check (length(unit) <= 40),
  -- 'worse': a high value means more need of support (unemployment); 'better': less (income).
  higher_is text not null check (higher_is in ('worse', 'better')),
  source text not null check (length(source) between 1 and 500),
  updated_at timestamptz not null default now()
);

-- Keyed by the district's official key, as statistics offices publish them. Re-importing the
-- districts updates them in place, so the key stays; a district removed takes its values along.
create table indicator_values (
  indicator text not null references indicators on delete cascade on update cascade,
  municipality char(8) not null default default_municipality(),
  district_key text not null,
  year smallint not null check (year between 1900 and 2100),
  value double precision not null check (value = value and value not in ('infinity', '-infinity')),
  primary key (indicator, municipality, district_key, year),
  foreign key (municipality, district_key) references districts (municipality, key)
    on delete cascade on update cascade
);
create index indicator_values_district on indicator_values (municipality, district_key);

-- Districts marked as candidates for a pilot area, with the reason and the index that led there;
-- one of them may be chosen as the pilot.
create table pilot_candidates (
  id bigint generated always as identity primary key,
  municipality char(8) not null default default_municipality(),
  district_key text not null,
  reason text not null check (length(btrim(reason)) between 1 and 2000),
  index_spec text not null default '' check (length(index_spec) <= 500),
  chosen boolean not null default false,
  created_by bigint references users on delete set null,
  created_at timestamptz not null default now(),
  unique (municipality, district_key),
  foreign key (municipality, district_key) references districts (municipality, key)
    on delete cascade on update cascade
);
create unique index pilot_candidates_one_chosen on pilot_candidates (municipality) where chosen;

-- Natural breaks (Jenks, after Fisher's exact dynamic programme as in simple-statistics): the
-- upper bound of each of k classes that minimise the squared deviations within classes. Fewer
-- distinct values than classes give one class per value. O(k·n²): 63 districts, 7 classes ≈ 30k steps.
create function jenks_breaks(vals float8[], k int) returns float8[]
language plpgsql immutable strict as $$
declare
  data float8[] := array(select v from unnest(vals) v where v is not null order by v);
  n int := cardinality(data);
  lower_limits int[];
  variance float8[];
  s1 float8; s2 float8; w int; v float8; i3 int; idx int;
  breaks float8[];
begin
  if n = 0 or k < 1 then return '{}'; end if;
  if k >= (select count(distinct x) from unnest(data) x) then
    return array(select distinct x from unnest(data) x order by x);
  end if;
  lower_limits := array_fill(0, array[n, k]);
  variance := array_fill('infinity'::float8, array[n, k]);
  for j in 1..k loop
    lower_limits[1][j] := 1;
    variance[1][j] := 0;
  end loop;
  for l in 2..n loop
    s1 := 0; s2 := 0; w := 0; v := 0;
    for m in 1..l loop
      i3 := l - m + 1;
      s2 := s2 + data[i3] * data[i3];
      s1 := s1 + data[i3];
      w := w + 1;
      v := s2 - s1 * s1 / w;
      if i3 > 1 then
        for j in 2..k loop
          if variance[l][j] >= v + variance[i3 - 1][j - 1] then
            lower_limits[l][j] := i3;
            variance[l][j] := v + variance[i3 - 1][j - 1];
          end if;
        end loop;
      end if;
    end loop;
    lower_limits[l][1] := 1;
    variance[l][1] := v;
  end loop;
  breaks := array_fill(0::float8, array[k]);
  breaks[k] := data[n];
  idx := n;
  for j in reverse k..2 loop
    breaks[j - 1] := data[lower_limits[idx][j] - 1];
    idx := lower_limits[idx][j] - 1;
  end loop;
  return breaks;
end $$;

-- The upper bound of each class, ascending; the last is the maximum. A value belongs to the first
-- class whose upper bound it does not exceed. Quantiles interpolate (percentile_cont), so equal
-- counts hold up to ties; equal intervals split [min, max] evenly.
create function class_bounds(vals float8[], method text, k int) returns float8[]
language sql immutable strict as $$
  select case method
    when 'quantile' then
      (select array_append(percentile_cont(array(select i::float8 / k from generate_series(1, k - 1) i))
                             within group (order by v), max(v))
         from unnest(vals) v)
    when 'equal' then
      (select array_append(array(select lo + i * (hi - lo) / k from generate_series(1, k - 1) i), hi)
         from (select min(v) as lo, max(v) as hi from unnest(vals) v) m)
    when 'jenks' then jenks_breaks(vals, k)
  end
$$;
