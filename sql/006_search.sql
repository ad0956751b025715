-- Search: one folding function applied to both the stored texts and the query, so that
-- "Josephstrasse" finds "Josephstraße", "gruenau" and "grunau" find "Grünau", and
-- "kinder freiluft" finds "Kinder-Freiluft-Galerie". It lowercases, spells ß as ss, drops the
-- umlaut (ä, ae → a; ö, oe → o; ü, ue → u) and other diacritics, and turns every run of other
-- characters into one space. Written with replace/translate only: no unaccent or pg_trgm, which
-- the embedded database does not load. Uppercase letters outside ASCII are translated
-- explicitly because lower() leaves them alone under the C locale.

create function search_fold(value text) returns text
language sql immutable strict parallel safe as $$
  select btrim(regexp_replace(
    replace(replace(replace(replace(
      translate(
        lower(value),
        'ÄÖÜẞÀÁÂÃÅÈÉÊËÌÍÎÏÒÓÔÕØÙÚÛÝÇÑŠŽČŘŁŚŹŻĆŃäöüàáâãåèéêëìíîïòóôõøùúûýÿçñšžčřłśźżćń',
        'aoußaaaaaeeeeiiiiooooouuuycnszcrlszzcnaouaaaaaeeeeiiiiooooouuuyycnszcrlszzcn'
      ),
      'ß', 'ss'), 'ae', 'a'), 'oe', 'o'), 'ue', 'u'),
    '[^a-z0-9]+', ' ', 'g'))
$$;

-- Whether every word occurs in the folded text (anywhere: German compounds hide words inside
-- words, "garten" in "nachbarschaftsgarten").
create function search_contains_all(haystack text, words text[]) returns boolean
language sql immutable parallel safe as $$
  select not exists (select 1 from unnest(words) as word where strpos(haystack, word) = 0)
$$;

-- Whether every word starts a word of the folded text.
create function search_starts_all(haystack text, words text[]) returns boolean
language sql immutable parallel safe as $$
  select not exists (select 1 from unnest(words) as word where strpos(' ' || haystack, ' ' || word) = 0)
$$;
