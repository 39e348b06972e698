namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// A PostgreSQL database of the awkward values and schema features real applications have: numbers past
/// every other engine's range, ±infinity and BC in every date form, types only PostgreSQL has, reserved
/// and 63-byte names, generated and identity columns, odd defaults, case duplicates under a case-sensitive
/// unique key, a table outside public. Every table keys on an integer first column, so the comparison
/// finds each row in the target by it.
/// </summary>
public static class PostgresHostileCorpus
{
    public const string Sql = """
        CREATE EXTENSION IF NOT EXISTS citext;
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'Ünïcode mood');
        CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
        CREATE DOMAIN short_code AS varchar(4) DEFAULT 'none';
        CREATE SEQUENCE ticket_numbers START 1000;
        CREATE SCHEMA elsewhere;

        -- One awkward value a row, the rest NULL: a value refused takes only its own row out of the comparison.
        CREATE TABLE numbers (id bigint PRIMARY KEY, free numeric, wide numeric(40,0), fine numeric(60,40), cash money, f8 double precision, f4 real, i2 smallint, i4 integer);
        INSERT INTO numbers (id, free) VALUES (1, 'NaN'), (2, 'Infinity'), (3, '-Infinity'), (4, 1e-130), (5, 12345678901234567890.5), (6, 0.1), (7, -0.0),
          (8, 79228162514264337593543950335), (9, 79228162514264337593543950336), (10, -79228162514264337593543950335), (11, 0.0000000000000000000000000001), (12, 1.10);
        INSERT INTO numbers (id, wide) VALUES (21, 1234567890123456789012345678901234567890), (22, -1234567890123456789012345678901234567890), (23, 99999999999999999999), (24, 9007199254740993), (25, 0);
        INSERT INTO numbers (id, fine) VALUES (31, 0.0000000000000000000000000000000000000001), (32, 0.1234567890123456789012345678901234567890), (33, 0.000000000000000000000000000001), (34, 2.25);
        INSERT INTO numbers (id, cash) VALUES (41, -92233720368547758.08), (42, 92233720368547758.07), (43, 0.01), (44, 0);
        INSERT INTO numbers (id, f8) VALUES (51, 'Infinity'), (52, '-Infinity'), (53, 'NaN'), (54, '-0'), (55, 1e308), (56, 5e-324), (57, 0.1), (58, 9007199254740993), (59, 2.2250738585072014e-308);
        INSERT INTO numbers (id, f4) VALUES (61, 'Infinity'), (62, '-Infinity'), (63, 'NaN'), (64, '-0'), (65, 3.4028235e38), (66, 1e-45), (67, 1240.11), (68, 16777217), (69, 1.1);
        INSERT INTO numbers (id, i2, i4) VALUES (71, 32767, 2147483647), (72, -32768, -2147483648), (73, 0, 0);
        INSERT INTO numbers VALUES (9223372036854775807, 1, 1, 1, 1, 1, 1, 1, 1), (-9223372036854775808, -1, -1, -1, -1, -1, -1, -1, -1);

        CREATE TABLE times (id bigint PRIMARY KEY, ts timestamp, tstz timestamptz, d date, t time, ttz timetz, iv interval, ts3 timestamp(3), ts0 timestamptz(0));
        INSERT INTO times (id, ts) VALUES (1, 'infinity'), (2, '-infinity'), (3, '4713-01-01 00:00:00 BC'), (4, '0001-12-31 23:59:59.999999 BC'), (5, '10000-01-01 00:00:00'),
          (6, '0001-01-01 00:00:00'), (7, '9999-12-31 23:59:59.999999'), (8, '1970-01-01 00:00:00'), (9, '2024-02-29 12:00:00.5'), (10, '1969-12-31 23:59:59.999999'), (11, '294276-12-31 23:59:59.999999');
        INSERT INTO times (id, tstz) VALUES (21, 'infinity'), (22, '-infinity'), (23, '4713-01-01 00:00:00+00 BC'), (24, '294276-12-31 23:59:59.999999+00'), (25, '0001-01-01 00:00:00+00'),
          (26, '9999-12-31 23:59:59.999999+00'), (27, '1969-12-31 23:59:59.999999+00'), (28, '2024-02-29 12:00:00.5+09'), (29, '2024-03-31 02:30:00+14'), (30, '1901-12-13 20:45:52+00');
        INSERT INTO times (id, d) VALUES (41, 'infinity'), (42, '-infinity'), (43, '4713-01-01 BC'), (44, '0001-12-31 BC'), (45, '5874897-12-31'), (46, '0001-01-01'), (47, '9999-12-31'), (48, '1970-01-01'), (49, '2024-02-29');
        INSERT INTO times (id, t) VALUES (51, '24:00:00'), (52, '00:00:00'), (53, '23:59:59.999999'), (54, '00:00:00.000001'), (55, '12:00');
        INSERT INTO times (id, ttz) VALUES (61, '24:00:00+00'), (62, '00:00:00-14'), (63, '12:34:56.789+05:30'), (64, '01:02:03-03:30:15'), (65, '23:59:59.999999+14');
        INSERT INTO times (id, iv) VALUES (71, '1 mon 2 days 03:04:05.678901'), (72, '-1 year'), (73, '1 day'), (74, '-00:00:00.000001'), (75, '178000000 years'), (76, '1 mon -1 day'),
          (77, '00:00:00'), (78, '36 hours'), (79, '-178000000 years'), (80, '2562047788:00:54.775807'), (81, '7 days');
        INSERT INTO times (id, ts3, ts0) VALUES (91, '2024-01-02 03:04:05.678', '2024-01-02 03:04:05+00'), (92, '1999-12-31 23:59:59.999', '1999-12-31 23:59:59+00');
        -- A value each target holds next to one it refuses: the rejects file keeps the first whole, to its last fraction.
        INSERT INTO times (id, ts, iv) VALUES (93, '2024-01-02 03:04:05.678901', '1 mon');
        INSERT INTO times (id, t, ttz) VALUES (94, '23:59:59.999999', '12:00+01');
        INSERT INTO times (id) VALUES (99);

        CREATE TABLE shapes (id bigint PRIMARY KEY, ints integer[], grid integer[][], words text[], feeling mood, pos positive, code short_code, ci citext,
          bits bit(8), vbits varbit, addr inet, net cidr, mac macaddr, uid uuid, doc json, docb jsonb, raw bytea, words_ text, span int4range, p point, big_arr bigint[]);
        INSERT INTO shapes VALUES
          (1, '{1,NULL,3}', '{{1,2},{3,NULL}}', '{"a,b","NULL",NULL,"quote\"d","ü"}', 'happy', 1, 'abcd', 'MiXeD',
           B'10100101', B'1', '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
           '{"b":1,"a":2,"a":3}', '{"b":1,"a":2,"a":3}', '\x00ff', 'héllo wörld 🎉 한국어 עברית', '[1,10)', '(1.5,-2)', '{9223372036854775807,-9223372036854775808}'),
          (2, '{}', '{}', '{}', 'Ünïcode mood', 2147483647, NULL, 'ß', B'00000000', B'', '::1', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff', '00000000-0000-0000-0000-000000000000',
           '{"n": 1.0000000000000000000000001, "e": 1e400, "u": "\u00e9"}', '{"n": 1.0000000000000000000000001, "big": 123456789012345678901234567890}', '\x', '', 'empty', '(0,0)', '{}'),
          (3, NULL, NULL, NULL, NULL, NULL, 'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (4, '{-2147483648}', '{{{1}}}', '{""}', 'sad', 42, '', '', B'11111111', B'0101010101010101010101010101010101010101010101010101010101010101010101', '0.0.0.0', '0.0.0.0/0', '00:00:00:00:00:00', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
           '  [1, "two" , null , true]  ', '[1, "two", null, true]', '\xdeadbeef', E'tab\there\nnewline \\ backslash '' quote', '(,)', '(1e300,-1e-300)', '{NULL}'),
          (5, NULL, NULL, '{"\\","\""}', NULL, NULL, NULL, 'Ǆ', NULL, NULL, '10.1.2.3/32', '192.168.0.0/16', NULL, NULL, 'null', 'null', '\x00', repeat('long ', 20000) || '끝', 'empty', NULL, NULL),
          (6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '"just a string"', '123.4500', NULL, E'\u200b\u00a0\ufeff\U0001F600 \u00e9 vs e\u0301', NULL, NULL, NULL);

        CREATE TABLE "select" ("order" bigint PRIMARY KEY, "group" text, "user" text, "Mixed Case" text, "from" integer);
        INSERT INTO "select" VALUES (1, 'g', 'u', 'M', 1), (-9223372036854775808, NULL, '', 'mixed', NULL);
        CREATE TABLE "a_table_name_of_exactly_sixty_three_bytes_which_is_postgres_max" (id bigint PRIMARY KEY, "a_column_name_of_sixty_three_bytes_is_the_longest_postgres_keep" text, "가나다라마바사아자차카타파하거너더러머버서" text);
        INSERT INTO "a_table_name_of_exactly_sixty_three_bytes_which_is_postgres_max" VALUES (1, 'long names', '한국어 이름'), (2, NULL, 'x');

        CREATE TABLE generated (id bigint PRIMARY KEY, a integer, b integer GENERATED ALWAYS AS (a * 2) STORED, label text GENERATED ALWAYS AS ('#' || a::text) STORED);
        INSERT INTO generated (id, a) VALUES (1, 21), (2, NULL), (3, -1073741824);

        CREATE TABLE defaults (id bigint PRIMARY KEY, made timestamptz DEFAULT now(), ticket bigint DEFAULT nextval('ticket_numbers'), label text DEFAULT 'x'::text,
          calc integer DEFAULT (1 + 2) * 3, arr integer[] DEFAULT '{1,2}', uid uuid DEFAULT gen_random_uuid(), flag boolean DEFAULT true, today date DEFAULT CURRENT_DATE,
          quoted text DEFAULT 'it''s', neg numeric DEFAULT -1.5, nothing text DEFAULT NULL, feeling mood DEFAULT 'ok', lowered text DEFAULT lower('ABC'));
        INSERT INTO defaults (id, made, uid) VALUES (1, '2024-01-02 03:04:05+00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, '2024-01-02 03:04:06+00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12');

        CREATE TABLE people (id bigint PRIMARY KEY, name text NOT NULL UNIQUE, email text NOT NULL, nick citext UNIQUE);
        CREATE UNIQUE INDEX people_email_lower ON people (lower(email));
        INSERT INTO people VALUES (1, 'Bob', 'bob@example.com', 'bobby'), (2, 'bob', 'Other@Example.com', 'robert'), (3, 'BOB', 'third@example.com', NULL),
          (4, 'résumé', 'r1@example.com', 'ß'), (5, 'resume', 'r2@example.com', 'ss'), (6, 'trailing ', 'r3@example.com', 'Straße'), (7, 'trailing', 'r4@example.com', NULL);

        CREATE TABLE elsewhere.things (id bigint PRIMARY KEY, what text);
        INSERT INTO elsewhere.things VALUES (1, 'in another schema'), (2, 'ünïcode');

        CREATE TABLE identities (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, other integer GENERATED BY DEFAULT AS IDENTITY, note text);
        INSERT INTO identities (note) VALUES ('first'), ('second');
        INSERT INTO identities (id, other, note) OVERRIDING SYSTEM VALUE VALUES (9223372036854775807, 2147483647, 'max key');
        """;
}
