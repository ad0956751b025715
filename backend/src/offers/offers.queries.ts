import { offerVisible } from '../access/visibility.ts'
import type { ContactInput, NewOffer, Offer, OfferPatch, OfferStatus } from '../contract/offers.schema.ts'
import { identifiers, type Queries } from '../db/sql-client.ts'
import type { CurrentUser } from '../http/app-types.ts'
import { Problem } from '../http/problem.ts'

/**
 * The names of the districts or programme areas whose interior the offered land shares (touching a
 * boundary does not count, as in the context endpoint), by name.
 */
const lyingIn = (sql: Queries, table: 'districts' | 'programme_areas') => sql`
  (select coalesce(jsonb_agg(c.name order by c.name), '[]'::jsonb) from ${identifiers(sql, table)} c
    where st_intersects(c.geom, coalesce(o.geom, op.geom)) and not st_touches(c.geom, coalesce(o.geom, op.geom)))`

function selectOffers(sql: Queries, user: CurrentUser) {
  return sql`
    select o.id, o.municipality, o.title, o.status, o.available_from, o.available_until, o.allowed_uses,
           o.conditions, o.review_reason, o.plot_id, o.owner_user_id, o.owner_party_id,
           (select pp.public_name from parties pp where pp.id = o.owner_party_id and pp.kind <> 'person') as owner_organisation,
           (select pp.confirmed_at is not null from parties pp
             where pp.id = o.owner_party_id and pp.kind <> 'person') as owner_organisation_confirmed,
           ${
             user.role === 'owner'
               ? sql`null::boolean`
               : sql`op.owner_party_id is not null and op.owner_party_id is distinct from o.owner_party_id`
           } as plot_of_other_party,
           coalesce(o.area_m2, op.area_m2) as area_m2,
           st_asgeojson(coalesce(o.geom, op.geom), 7)::jsonb as geometry,
           (select jsonb_build_object('contact_name', pc.contact_name, 'street_address', pc.street_address,
                     'postcode', pc.postcode, 'city', pc.city, 'email', pc.email, 'phone', pc.phone)
              from party_contacts pc where pc.party_id = o.owner_party_id) as contact,
           ${lyingIn(sql, 'districts')} as districts,
           ${lyingIn(sql, 'programme_areas')} as programme_areas,
           o.version, o.created_at, o.updated_at
      from offers o left join plots op on op.id = o.plot_id
     where ${offerVisible(sql, user)}`
}

/** The offers `user` may see, newest first, optionally of one status. */
export function listOffers(sql: Queries, user: CurrentUser, status?: OfferStatus): Promise<Offer[]> {
  return sql<Offer[]>`
    ${selectOffers(sql, user)} ${status ? sql`and o.status = ${status}` : sql``}
    order by o.created_at desc, o.id desc`
}

/** One offer if `user` may see it; `lock` holds it for the rest of the transaction. */
export async function findOffer(
  sql: Queries,
  user: CurrentUser,
  id: number,
  lock = false,
): Promise<Offer | undefined> {
  const [offer]: [Offer?] = await sql`
    ${selectOffers(sql, user)} and o.id = ${id} ${lock ? sql`for update of o` : sql``}`
  return offer
}

/**
 * The owner's party, created at registration or their first offer: the organisation they act for
 * when they name one (its name may be public; unconfirmed until a planner confirms it), else
 * themselves as a person (never named). Naming
 * an organisation once the party exists is refused unless it is that organisation (409).
 */
export async function ensureOwnerParty(sql: Queries, userId: number, organisation?: string): Promise<number> {
  const [user] = await sql<{ party_id: number | null; kind: string | null; public_name: string | null }[]>`
    select u.party_id, p.kind, p.public_name from users u left join parties p on p.id = u.party_id
     where u.id = ${userId}`
  if (user?.party_id) {
    if (organisation === undefined || user.public_name === organisation) return user.party_id
    throw new Problem(
      409,
      'party-already-set',
      'You already offer land for a party',
      `your offers are made for ${user.kind === 'person' ? 'you as a person' : `"${user.public_name}"`}; an admin can change that`,
    )
  }
  const [party] = await sql<{ id: number }[]>`
    insert into parties (kind, public_name, confirmed_at)
    values (${organisation === undefined ? 'person' : 'organisation'}, ${organisation ?? null},
            case when ${organisation === undefined} then now() end)
    returning id`
  if (!party) throw new Error('insert into parties returned no row')
  await sql`update users set party_id = ${party.id} where id = ${userId}`
  return party.id
}

/** Writes the fields of `contact` that were sent into the party's contact record. */
export async function saveContact(sql: Queries, partyId: number, contact: ContactInput): Promise<void> {
  const fields = ['contact_name', 'street_address', 'postcode', 'city', 'email', 'phone'] as const
  const sent = fields.filter((field) => contact[field] !== undefined)
  if (sent.length === 0) return
  const values = Object.fromEntries(sent.map((field) => [field, contact[field] ?? null]))
  await sql`insert into party_contacts (party_id) values (${partyId}) on conflict (party_id) do nothing`
  await setColumns(sql, 'party_contacts', 'party_id', partyId, values)
  await sql`update party_contacts set updated_at = now() where party_id = ${partyId}`
}

/**
 * Updates the given columns of one row; Postgres converts the JSON values to the column types.
 * `table` and the keys of `values` come from fixed lists in this module, never from a request.
 */
export async function setColumns(
  sql: Queries,
  table: 'offers' | 'agreements' | 'party_contacts',
  key: 'id' | 'party_id',
  id: number,
  values: Record<string, unknown>,
  more = sql``,
): Promise<void> {
  const columns = Object.keys(values)
  if (columns.length === 0) return
  const names = identifiers(sql, columns)
  await sql`
    update ${identifiers(sql, table)} set (${names}) =
      (select ${names} from jsonb_populate_record(null::${identifiers(sql, table)}, ${sql.json(values as never)}))
      ${more}
     where ${identifiers(sql, key)} = ${id}`
}

const geometryOf = (sql: Queries, geometry: unknown) =>
  sql`st_multi(st_setsrid(st_geomfromgeojson(${JSON.stringify(geometry)}), 4326))::geometry(MultiPolygon, 4326)`

/** Inserts a submitted offer of `userId`'s party and returns its id (`externalId`: a demo offer's key). */
export async function insertOffer(
  sql: Queries,
  userId: number,
  partyId: number,
  input: NewOffer,
  externalId: string | null = null,
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into offers (owner_user_id, owner_party_id, plot_id, title, status, available_from, available_until,
                        allowed_uses, conditions, geom, external_id)
    values (${userId}, ${partyId}, ${input.plot_id ?? null}, ${input.title ?? 'Flächenangebot'}, 'submitted',
            ${input.available_from ?? null}, ${input.available_until ?? null}, ${input.allowed_uses ?? []}::text[],
            ${input.conditions ?? null},
            ${input.geometry === undefined ? null : geometryOf(sql, input.geometry)}, ${externalId})
    returning id`
  if (!row) throw new Error('insert into offers returned no row')
  return row.id
}

/** Applies an owner's changes; a revised offer goes back to the review queue as submitted. */
export async function updateOffer(sql: Queries, id: number, patch: OfferPatch): Promise<void> {
  const columns = ['title', 'available_from', 'available_until', 'conditions', 'allowed_uses'] as const
  const values: Record<string, unknown> = { status: 'submitted' }
  for (const column of columns) if (patch[column] !== undefined) values[column] = patch[column]
  // One update, so a revision is one version, whatever it changes.
  const land =
    patch.geometry !== undefined
      ? sql`, geom = ${geometryOf(sql, patch.geometry)}, plot_id = null`
      : patch.plot_id !== undefined
        ? sql`, plot_id = ${patch.plot_id}, geom = null, area_m2 = null`
        : sql``
  await setColumns(sql, 'offers', 'id', id, values, land)
}

/** Sets an offer's status (and the reviewer's reason, kept for the owner to read). */
export async function setOfferStatus(
  sql: Queries,
  id: number,
  status: OfferStatus,
  reason: string | null,
  plotId?: number,
): Promise<void> {
  await sql`
    update offers set status = ${status}, review_reason = ${reason},
           plot_id = coalesce(${plotId ?? null}::bigint, plot_id)
     where id = ${id}`
}
