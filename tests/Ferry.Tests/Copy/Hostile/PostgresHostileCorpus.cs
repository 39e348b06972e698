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

        CREATE TABLE numbers (id bigint PRIMARY KEY, free numeric, wide numeric(40,0), fine numeric(60,40), money_ money, f8 double precision, f4 real, i2 smallint, i4 integer);
        INSERT INTO numbers VALUES
          (1, 'NaN', 1234567890123456789012345678901234567890, 0.0000000000000000000000000000000000000001, -92233720368547758.08, 'Infinity', 'Infinity', 32767, 2147483647),
          (2, 'Infinity', -1234567890123456789012345678901234567890, 0.1234567890123456789012345678901234567890, 92233720368547758.07, '-Infinity', '-Infinity', -32768, -2147483648),
          (3, '-Infinity', 0, 0, 0, 'NaN', 'NaN', 0, 0),
          (4, 1e-130, 7, 1.5, 0.01, '-0', '-0', -1, -1),
          (5, 12345678901234567890.5, NULL, NULL, NULL, 1e308, 3.4028235e38, NULL, NULL),
          (6, 0.1, 99999999999999999999, 0.0000000000000000000000000000001, 1.23, 5e-324, 1e-45, 1, 1),
          (7, -0.0, 1, 2.25, -0.01, 0.1, 0.1, 2, 2),
          (8, 79228162514264337593543950335, 79228162514264337593543950336, NULL, NULL, 1240.11, 1240.11, NULL, NULL),
          (9223372036854775807, 1, 1, 1, 1, 1, 1, 1, 1);

        CREATE TABLE times (id bigint PRIMARY KEY, ts timestamp, tstz timestamptz, d date, t time, ttz timetz, iv interval, ts3 timestamp(3));
        INSERT INTO times VALUES
          (1, 'infinity', 'infinity', 'infinity', '24:00:00', '24:00:00+00', '1 mon 2 days 03:04:05.678901', NULL),
          (2, '-infinity', '-infinity', '-infinity', '00:00:00', '00:00:00-14', '-1 year', NULL),
          (3, '4713-01-01 00:00:00 BC', '4713-01-01 00:00:00+00 BC', '4713-01-01 BC', '23:59:59.999999', '12:34:56.789+05:30', '1 day', '2024-01-02 03:04:05.678'),
          (4, '10000-01-01 00:00:00', '294276-12-31 23:59:59.999999+00', '5874897-12-31', '12:00', '01:02:03-03:30:15', '-00:00:00.000001', '1999-12-31 23:59:59.999'),
          (5, '0001-01-01 00:00:00', '0001-01-01 00:00:00+00', '0001-01-01', '00:00:00.000001', '23:59:59.999999+14', '178000000 years', NULL),
          (6, '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00', '9999-12-31', NULL, NULL, '1 mon -1 day', NULL),
          (7, '1970-01-01 00:00:00', '1969-12-31 23:59:59.999999+00', '1970-01-01', '13:14:15', '13:14:15+01', '00:00:00', NULL),
          (8, '2024-02-29 12:00:00.5', '2024-02-29 12:00:00.5+09', '2024-02-29', '06:30', '06:30-08', '36 hours', NULL),
          (9, '0001-12-31 23:59:59.999999 BC', '0001-12-31 23:59:59.999999+00 BC', '0001-12-31 BC', NULL, NULL, '-178000000 years', NULL),
          (10, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

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
           '  [1, "two" , null , true]  ', '[1, "two", null, true]', '\xdeadbeef', E'tab\there\nnewline \\ backslash '' quote', '(,)', '(1e300,-1e-300)', '{NULL}');

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
