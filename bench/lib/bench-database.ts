import { createSqlClient } from '../../backend/src/db/sql-client.ts'

/** Where benchmarks create their PostgreSQL databases (a server where we may CREATE DATABASE). */
export const benchAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Creates (or recreates) database `name` on the bench server and returns its URL. */
export async function freshBenchDatabase(name: string): Promise<string> {
  const admin = createSqlClient(benchAdminUrl, { max: 1 })
  try {
    await admin`drop database if exists ${admin(name)} with (force)`
    await admin`create database ${admin(name)}`
  } finally {
    await admin.end({ timeout: 5 })
  }
  const url = new URL(benchAdminUrl)
  url.pathname = `/${name}`
  return url.toString()
}
