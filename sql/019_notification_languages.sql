-- In-app notifications in one language per text: subject and body stay the German text, and the
-- English text gets columns of its own, so the app shows each user one language (issue 16).
-- Rows written before this held "de / en" and "de\nen" (or "de\n\nen") in one text; they are split
-- where the separator is unambiguous and otherwise kept whole in both columns.
alter table notifications add column subject_en text, add column body_en text;

with split as (
  select id,
         string_to_array(subject, ' / ') as s,
         case when array_length(string_to_array(body, E'\n\n'), 1) = 2 then string_to_array(body, E'\n\n')
              when array_length(string_to_array(body, E'\n'), 1) = 2 then string_to_array(body, E'\n')
         end as b
    from notifications
)
update notifications n set
  subject    = case when array_length(x.s, 1) = 2 then x.s[1] else n.subject end,
  subject_en = case when array_length(x.s, 1) = 2 then x.s[2] else n.subject end,
  body       = coalesce(x.b[1], n.body),
  body_en    = coalesce(x.b[2], n.body)
  from split x
 where x.id = n.id;

alter table notifications alter column subject_en set not null, alter column body_en set not null;
