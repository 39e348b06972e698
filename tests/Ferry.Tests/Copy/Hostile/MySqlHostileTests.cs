namespace Ferry.Tests.Copy.Hostile;

/// <summary>
/// A MariaDB database of the values and schema MySQL lets applications accumulate (unsigned and 65-digit
/// numbers, float limits and -0, bits, enums and sets, zero and partial dates, TIME past a day, binary that
/// is no text, a _bin unique key holding 'a' and 'A', 64-character names, generated columns, odd defaults,
/// a key 0 under AUTO_INCREMENT, a table without a key) copied into every engine with --rejects and compared
/// through the canonical encoding: each value exact or refused by name, no table lost.
/// </summary>
public sealed class MySqlHostileTests() : HostileCorpusTests("mysql", Corpus)
{
    // Inserted under sql_mode '' (zero dates, dates with zero parts, an enum's '' for a value it does not
    // list) and NO_AUTO_VALUE_ON_ZERO, so AUTO_INCREMENT keeps a key 0, as old applications' data has them.
    private const string Corpus = """
        SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';
        CREATE TABLE numbers (id INT PRIMARY KEY, u BIGINT UNSIGNED, d DECIMAL(65,30), mi MEDIUMINT UNSIGNED, t TINYINT);
        INSERT INTO numbers VALUES
          (1, 18446744073709551615, 0, 16777215, 127), (2, 9223372036854775808, 1, 0, -128), (3, 9223372036854775807, 12.5, 1, 0),
          (4, 0, 99999999999999999999999999999999999.999999999999999999999999999999, NULL, NULL),
          (5, 1, 0.000000000000000000000000000001, 8, 1), (6, 2, -0.000000000000000000000000000001, 8, 1),
          (7, 3, 1.123456789012345678901234567891, 8, 1), (8, NULL, -12345678901234567890123456789012345.123456789012345678901234567890, 8, 1),
          (9, 4, NULL, 8, 1), (10, 5, 79228162514264337593543950335, 9, 2), (11, 6, 0.000000000000000000000000000100, 9, 2);
        -- Each limit in a row of its own, so that one refused value does not hide the others.
        CREATE TABLE floats (id INT PRIMARY KEY, f FLOAT, g DOUBLE);
        INSERT INTO floats VALUES (1, 3.40282e38, 1.7976931348623157e308), (2, -3.40282e38, -1.7976931348623157e308),
          (3, 1.17549e-38, 2.2250738585072014e-308), (4, 1.4013e-45, 4.9e-324), (5, -0e0, 0.1), (6, 0.1, -0e0), (7, 1.1, 1.1), (8, 16777217, 9007199254740993), (9, NULL, NULL);
        CREATE TABLE kinds (id INT PRIMARY KEY, b1 BIT(1), b64 BIT(64), e ENUM('small','Medium','large'), s SET('a','b','c'), y YEAR);
        INSERT INTO kinds VALUES
          (1, b'1', b'1111111111111111111111111111111111111111111111111111111111111111', 'Medium', 'a,c', 2155),
          (2, b'0', b'0', 'small', '', 1901), (3, NULL, b'1000000000000000000000000000000000000000000000000000000000000000', 'large', 'a,b,c', 0),
          (4, b'1', b'0111111111111111111111111111111111111111111111111111111111111111', NULL, NULL, NULL), (5, b'0', b'0101', 'large', 'b', 1999);
        -- An ENUM given a string it does not list holds '' (index 0), its error value; MySQL stores it back only with a warning.
        CREATE TABLE enum_errors (id INT PRIMARY KEY, e ENUM('x','y') NOT NULL, maybe ENUM('a','b'));
        INSERT INTO enum_errors VALUES (1, 'nope', 'a'), (2, 'x', 'nope'), (3, 'y', NULL), (4, 'nope', 'nope');
        -- MySQL's BOOLEAN is TINYINT(1), which holds any TINYINT.
        CREATE TABLE flags (id INT PRIMARY KEY, flag TINYINT(1));
        INSERT INTO flags VALUES (1, 1), (2, 0), (3, 2), (4, -1), (5, NULL);
        CREATE TABLE dates (id INT PRIMARY KEY, d DATE, dt DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, plain DATETIME);
        INSERT INTO dates VALUES
          (1, '1000-01-01', '1000-01-01 00:00:00', '1970-01-01 00:00:01', '1000-01-01 00:00:00'),
          (2, '9999-12-31', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', '9999-12-31 23:59:59'),
          (3, '2024-02-29', '2024-02-29 12:00:00.000001', '2024-01-02 03:04:05.123456', NULL),
          (4, NULL, NULL, '2000-02-29 23:59:59.5', '1969-12-31 23:59:59');
        CREATE TABLE zero_dates (id INT PRIMARY KEY, d DATE, dt DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL);
        INSERT INTO zero_dates VALUES (1, '0000-00-00', NULL, NULL), (2, '2024-00-00', NULL, NULL), (3, '2024-02-00', NULL, NULL),
          (4, NULL, '0000-00-00 00:00:00', NULL), (5, NULL, '2024-02-00 10:00:00.5', NULL), (6, NULL, NULL, '0000-00-00 00:00:00'), (7, '2024-01-01', '2024-01-01 00:00:00', '2024-01-01 00:00:00');
        -- TIME is a duration of ±838:59:59, not a time of day.
        CREATE TABLE durations (id INT PRIMARY KEY, t TIME(6));
        INSERT INTO durations VALUES (1, '838:59:59'), (2, '-838:59:59'), (3, '-00:00:00.000001'), (4, '25:00:00.000001'), (5, '-24:00:00.5'), (6, '23:59:59.999999'), (7, '00:00:00'), (8, NULL);
        CREATE TABLE texts (id INT PRIMARY KEY, vb VARBINARY(16), emoji VARCHAR(20) CHARACTER SET utf8mb4, l1 VARCHAR(20) CHARACTER SET latin1,
          j JSON, bin_key VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, ci_key VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci,
          UNIQUE KEY bin_unique (bin_key), UNIQUE KEY ci_unique (ci_key));
        INSERT INTO texts VALUES
          (1, 0x00FF00, '🎉👍🏽', 'café ÿ', '{"b":1,"a":[1,2.50]}', 'a', 'Straße'),
          (2, 0xC328, '', '', 'null', 'A', 'strasse'),
          (3, '', NULL, NULL, '"x"', NULL, NULL),
          (4, X'', 'a\0b', '¡Olé!', '[]', 'ä', 'x'),
          (5, 0xFFFEFD, '한국어 text', 'Ångström', '{"k":"값","n":1e400}', 'Ä', 'Y');
        CREATE TABLE `select` (`id` INT PRIMARY KEY, `order` INT, `group` VARCHAR(10), `from` DATE,
          `a_column_name_of_exactly_sixty_four_characters_xxxxxxxxxxxxxxxxx` INT);
        INSERT INTO `select` VALUES (1, 2, 'by', '2024-01-01', 64), (2, NULL, '', NULL, -64);
        CREATE TABLE `a_table_name_of_exactly_sixty_four_characters_xxxxxxxxxxxxxxxxxx` (id INT PRIMARY KEY, v INT);
        INSERT INTO `a_table_name_of_exactly_sixty_four_characters_xxxxxxxxxxxxxxxxxx` VALUES (1, 1);
        CREATE TABLE generated (id INT PRIMARY KEY, a INT, twice INT AS (a * 2) VIRTUAL, label VARCHAR(20) AS (CONCAT('n', a)) STORED);
        INSERT INTO generated (id, a) VALUES (1, 21), (2, NULL), (3, -2147483648);
        CREATE TABLE odd_defaults (id INT PRIMARY KEY AUTO_INCREMENT, made DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6),
          utc DATETIME(6) DEFAULT (utc_timestamp(6)), zero DATE DEFAULT '0000-00-00', note VARCHAR(10) DEFAULT 'it''s',
          n INT DEFAULT -1, changed TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6));
        INSERT INTO odd_defaults (id, made, utc, changed) VALUES (0, '2024-01-01 00:00:00', '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
          (1, '2024-01-02 00:00:00', '2024-01-02 00:00:00', '2024-01-02 00:00:00');
        INSERT INTO odd_defaults (id, zero, note, n) VALUES (7, '2024-05-05', NULL, NULL);
        CREATE TABLE no_key (id INT, v VARCHAR(10), d DATE);
        INSERT INTO no_key VALUES (1, 'x', '0000-00-00'), (2, 'x', '2024-01-01'), (3, NULL, NULL);
        """;
}
