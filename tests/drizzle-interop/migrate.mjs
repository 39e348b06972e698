// Runs drizzle-orm's own migrator, as an application would at start-up, so Ferry's tests can prove that
// Ferry and drizzle-orm read and write __drizzle_migrations the same way (tests/Ferry.Tests/Migrations).
//
//   FERRY_DRIZZLE='{"engine":"postgres","host":…,"port":…,"user":…,"password":…,"database":…}' node migrate.mjs FOLDER
//   engine: postgres | mysql | sqlite (with "file") | libsql (with "url", and "host" to send as Host)
//
// The connection comes in an environment variable, never on the command line, where a password would show
// in the process list. Prints the rows of __drizzle_migrations afterwards as JSON, one line.
import fs from 'node:fs';

const folder = process.argv[2];
const config = JSON.parse(process.env.FERRY_DRIZZLE ?? '{}');

async function postgres() {
	const { default: pg } = await import('pg');
	const { drizzle } = await import('drizzle-orm/node-postgres');
	const { migrate } = await import('drizzle-orm/node-postgres/migrator');
	const client = new pg.Client({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.database });
	await client.connect();
	try {
		await migrate(drizzle(client), { migrationsFolder: folder });
		return (await client.query('SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY created_at')).rows;
	} finally {
		await client.end();
	}
}

async function mysql() {
	const { default: mysql2 } = await import('mysql2/promise');
	const { drizzle } = await import('drizzle-orm/mysql2');
	const { migrate } = await import('drizzle-orm/mysql2/migrator');
	const connection = await mysql2.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.database });
	try {
		await migrate(drizzle(connection), { migrationsFolder: folder });
		const [rows] = await connection.query('SELECT hash, CAST(created_at AS CHAR) AS created_at FROM __drizzle_migrations ORDER BY created_at');
		return rows;
	} finally {
		await connection.end();
	}
}

// sql.js is SQLite compiled to WebAssembly: no native build, so it installs anywhere. It works in memory,
// so the file is read in, migrated, and written back.
async function sqlite() {
	const { default: initSqlJs } = await import('sql.js');
	const { drizzle } = await import('drizzle-orm/sql-js');
	const { migrate } = await import('drizzle-orm/sql-js/migrator');
	const SQL = await initSqlJs();
	const db = new SQL.Database(fs.existsSync(config.file) ? fs.readFileSync(config.file) : undefined);
	migrate(drizzle(db), { migrationsFolder: folder });
	fs.writeFileSync(config.file, Buffer.from(db.export()));
	const result = db.exec('SELECT hash, CAST(created_at AS TEXT) FROM __drizzle_migrations ORDER BY created_at');
	return (result[0]?.values ?? []).map(([hash, created_at]) => ({ hash, created_at }));
}

// sqld picks a namespace by the request's Host header (the test servers run one sqld with many), and fetch
// will not send a Host of its own choosing, so requests go through node:http with config.host as Host.
async function fetchWithHost(input, init) {
	const http = await import('node:http');
	const request = new Request(input, init);
	const body = Buffer.from(await request.arrayBuffer());
	const url = new URL(request.url);
	const headers = Object.fromEntries(request.headers);
	headers.host = config.host;
	return new Promise((resolve, reject) => {
		const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: request.method, headers }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: res.headers })));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

async function libsql() {
	const { createClient } = await import('@libsql/client/web');
	const { drizzle } = await import('drizzle-orm/libsql');
	const { migrate } = await import('drizzle-orm/libsql/migrator');
	const client = createClient({ url: config.url, fetch: config.host ? fetchWithHost : undefined });
	try {
		await migrate(drizzle(client), { migrationsFolder: folder });
		const result = await client.execute('SELECT hash, CAST(created_at AS TEXT) AS created_at FROM __drizzle_migrations ORDER BY created_at');
		return result.rows.map((r) => ({ hash: r.hash, created_at: r.created_at }));
	} finally {
		client.close();
	}
}

const engines = { postgres, mysql, sqlite, libsql };
if (!engines[config.engine]) {
	console.error(`migrate.mjs: unknown engine ${config.engine}`);
	process.exit(2);
}
const rows = await engines[config.engine]();
console.log(JSON.stringify(rows.map((r) => ({ hash: r.hash, created_at: String(r.created_at) }))));
