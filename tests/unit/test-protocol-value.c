/*
 * test-protocol-value.c: the scalar conventions of protocol.h and the
 * text helpers under the protocols: timestamps, Python-compatible
 * numbers, integers beyond 2^53, base64, JSON text, checksums, XML
 * parsing safety and canonical form.
 */
#include "hs-common.h"
#include "harness.h"
#include "protocol-int.h"

#include <math.h>

static void
test_timestamps(void)
{
	static const struct {
		const char *in, *out, *iso, *rfc, *unix_s;
	} cases[] = {
		{ "2019-12-16T23:48:18Z", "2019-12-16T23:48:18+00:00",
		  "2019-12-16T23:48:18Z", "Mon, 16 Dec 2019 23:48:18 GMT",
		  "1576540098" },
		{ "2019-12-16T22:48:18-01:00", "2019-12-16T22:48:18-01:00",
		  "2019-12-16T23:48:18Z", "Mon, 16 Dec 2019 23:48:18 GMT",
		  "1576540098" },
		{ "2000-01-02T20:34:56.123Z", "2000-01-02T20:34:56.123000+00:00",
		  "2000-01-02T20:34:56.123000Z", "Sun, 02 Jan 2000 20:34:56 GMT",
		  "946845296" },
		{ "Mon, 16 Dec 2019 23:48:18 GMT", "2019-12-16T23:48:18+00:00",
		  "2019-12-16T23:48:18Z", "Mon, 16 Dec 2019 23:48:18 GMT",
		  "1576540098" },
		{ "1576540098", "2019-12-16T23:48:18+00:00",
		  "2019-12-16T23:48:18Z", "Mon, 16 Dec 2019 23:48:18 GMT",
		  "1576540098" },
		{ "1515531081.1234", "2018-01-09T20:51:21.123400+00:00",
		  "2018-01-09T20:51:21.123400Z", "Tue, 09 Jan 2018 20:51:21 GMT",
		  "1515531081" },
		{ "20191216T234818Z", "2019-12-16T23:48:18+00:00",
		  "2019-12-16T23:48:18Z", "Mon, 16 Dec 2019 23:48:18 GMT",
		  "1576540098" },
		{ "Monday, 16-Dec-19 23:48:18 GMT", "2019-12-16T23:48:18+00:00",
		  "2019-12-16T23:48:18Z", "Mon, 16 Dec 2019 23:48:18 GMT",
		  "1576540098" },
		{ "Mon Dec 16 23:48:18 2019", "2019-12-16T23:48:18+00:00",
		  "2019-12-16T23:48:18Z", "Mon, 16 Dec 2019 23:48:18 GMT",
		  "1576540098" },
		{ "1969-12-31T23:59:58.5Z", "1969-12-31T23:59:58.500000+00:00",
		  "1969-12-31T23:59:58.500000Z", "Wed, 31 Dec 1969 23:59:58 GMT",
		  "-2" },
		{ "2024-02-29", "2024-02-29T00:00:00+00:00",
		  "2024-02-29T00:00:00Z", "Thu, 29 Feb 2024 00:00:00 GMT",
		  "1709164800" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct aws_time t;
		struct hs_buf b = HS_BUF_INIT;

		CU_ASSERT_EQUAL_FATAL(aws_time_parse(cases[i].in, &t), 0);
		aws_time_format_output(&b, &t);
		HS_ASSERT_STR_EQ(b.buf, cases[i].out);
		hs_buf_reset(&b);
		aws_time_format(&b, &t, AWS_TIMESTAMP_ISO8601);
		HS_ASSERT_STR_EQ(b.buf, cases[i].iso);
		hs_buf_reset(&b);
		aws_time_format(&b, &t, AWS_TIMESTAMP_RFC822);
		HS_ASSERT_STR_EQ(b.buf, cases[i].rfc);
		hs_buf_reset(&b);
		aws_time_format(&b, &t, AWS_TIMESTAMP_UNIX);
		HS_ASSERT_STR_EQ(b.buf, cases[i].unix_s);
		hs_buf_release(&b);
	}
}

static void
test_bad_timestamps(void)
{
	static const char *const bad[] = {
		"", "yesterday", "2019-13-01", "2019-02-30T00:00:00Z",
		"2019-12-16T25:00:00Z", "2019-12-16T23:48:18+25:00",
		"16 Foo 2019 23:48:18 GMT", "1e300", "2019-12-16X",
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(bad); i++) {
		struct aws_time t;

		if (aws_time_parse(bad[i], &t) == 0)
			printf("# accepted '%s'\n", bad[i]);
		CU_ASSERT_EQUAL(aws_time_parse(bad[i], &t), -1);
	}
}

static void
test_python_float_repr(void)
{
	static const struct {
		double v;
		const char *repr;
	} cases[] = {
		{ 1.0, "1.0" }, { 1.1, "1.1" }, { -2.5, "-2.5" },
		{ 0.1 + 0.2, "0.30000000000000004" }, { 1e16, "1e+16" },
		{ 1.5e16, "1.5e+16" }, { 1e15, "1000000000000000.0" },
		{ 0.0001, "0.0001" }, { 0.00001, "1e-05" }, { 123.456, "123.456" },
		{ 1e-300, "1e-300" }, { 0.0, "0.0" }, { -0.0, "-0.0" },
		{ 5e-324, "5e-324" }, { 1.7976931348623157e308,
		  "1.7976931348623157e+308" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct hs_buf b = HS_BUF_INIT;

		aws_format_double(&b, cases[i].v);
		HS_ASSERT_STR_EQ(b.buf, cases[i].repr);
		hs_buf_release(&b);
	}
}

static void
test_integers(void)
{
	static const struct {
		const char *in, *raw;	/* raw: NULL when a plain number */
		double number;
	} cases[] = {
		{ "42", NULL, 42 }, { "-7", NULL, -7 }, { "007", NULL, 7 },
		{ "9007199254740992", NULL, 9007199254740992.0 },
		{ "9007199254740993", "9007199254740993", 0 },
		{ "-9007199254740993", "-9007199254740993", 0 },
		{ "12345678901234567890123", "12345678901234567890123", 0 },
		{ " 5 ", NULL, 5 }, { "-0", NULL, 0 },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		cJSON *v = aws_integer_from_text(cases[i].in,
		    strlen(cases[i].in));
		struct hs_buf b = HS_BUF_INIT;

		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		if (cases[i].raw) {
			CU_ASSERT_TRUE(cJSON_IsRaw(v));
			HS_ASSERT_STR_EQ(v->valuestring, cases[i].raw);
		} else {
			CU_ASSERT_TRUE(cJSON_IsNumber(v));
			CU_ASSERT_EQUAL(v->valuedouble, cases[i].number);
		}
		CU_ASSERT_EQUAL(aws_format_integer(&b, v), 0);
		hs_buf_release(&b);
		cJSON_Delete(v);
	}
	CU_ASSERT_PTR_NULL(aws_integer_from_text("1.5", 3));
	CU_ASSERT_PTR_NULL(aws_integer_from_text("12a", 3));
	CU_ASSERT_PTR_NULL(aws_integer_from_text("", 0));
}

static void
test_base64(void)
{
	static const struct {
		const char *raw, *b64;
	} cases[] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foobar", "Zm9vYmFy" }, { "\xff\xfe", "//4=" },
	};
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		aws_base64_encode(&b, cases[i].raw, strlen(cases[i].raw));
		HS_ASSERT_STR_EQ(b.buf, cases[i].b64);
		hs_buf_reset(&b);
		CU_ASSERT_EQUAL(aws_base64_decode(&b, cases[i].b64,
		    strlen(cases[i].b64)), 0);
		CU_ASSERT_EQUAL(b.len, strlen(cases[i].raw));
		CU_ASSERT_EQUAL(memcmp(b.buf, cases[i].raw, b.len), 0);
		hs_buf_reset(&b);
	}
	CU_ASSERT_TRUE(aws_base64_valid("Zm9v\nYmFy\n"));
	CU_ASSERT_FALSE(aws_base64_valid("Zm9v!"));
	CU_ASSERT_FALSE(aws_base64_valid("Zg=x"));
	CU_ASSERT_FALSE(aws_base64_valid("Z"));
	hs_buf_release(&b);
}

static void
test_json_text(void)
{
	const char *text = "{\"big\": 12345678901234567890, \"small\": 3,"
	    " \"f\": 1.5e3, \"s\": \"a\\u00e9\\ud83d\\ude00\\n\", \"l\": [true,"
	    " null]}";
	char *cause = NULL;
	cJSON *v = aws_json_parse(text, strlen(text), &cause);
	struct hs_buf b = HS_BUF_INIT;
	char deep[1200];

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_TRUE(cJSON_IsRaw(cJSON_GetObjectItem(v, "big")));
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(v, "s")->valuestring,
	    "a\xc3\xa9\xf0\x9f\x98\x80\n");
	aws_json_write_value(&b, v);
	HS_ASSERT_STR_EQ(b.buf, "{\"big\":12345678901234567890,\"small\":3,"
	    "\"f\":1500,\"s\":\"a\xc3\xa9\xf0\x9f\x98\x80\\n\",\"l\":[true,null]}");
	hs_buf_release(&b);
	cJSON_Delete(v);
	CU_ASSERT_PTR_NULL(aws_json_parse("{\"a\": 01}", 9, &cause));
	HS_ASSERT_STR_EQ(cause, "invalid JSON at byte 6: bad number");
	free(cause);
	cause = NULL;
	CU_ASSERT_PTR_NULL(aws_json_parse("[1] x", 5, &cause));
	free(cause);
	cause = NULL;
	memset(deep, '[', sizeof deep);
	CU_ASSERT_PTR_NULL(aws_json_parse(deep, sizeof deep, &cause));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "nested too deeply"));
	free(cause);
}

static void
test_checksums(void)
{
	static const struct {
		const char *alg, *sum;
	} cases[] = {
		/* check values of "123456789", big-endian, base64 */
		{ "CRC32", "y/Q5Jg==" },	/* cbf43926 */
		{ "crc32c", "4waSgw==" },	/* e3069283 */
		{ "CRC64NVME", "rosUhgp5mIg=" },	/* ae8b14860a799888 */
		{ "SHA1", "98O8HYCOBHMq32eZZczDTKeuNEE=" },
		{ "SHA256", "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=" },
		{ "MD5", "JfnnlDI7RTiF9RgfG2JNCw==" },
	};
	const char *path = hs_unit_tmpdir();
	char *file = hs_xasprintf("%s/body", path), *cause = NULL, *sum;
	FILE *f = fopen(file, "w");
	size_t i;

	fputs("xx123456789yy", f);
	fclose(f);
	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		sum = aws_protocol_checksum(cases[i].alg, "123456789", 9, NULL,
		    0, 0, &cause);
		HS_ASSERT_STR_EQ(sum, cases[i].sum);
		free(sum);
		/* the same from a range of a file, never read whole */
		sum = aws_protocol_checksum(cases[i].alg, NULL, 0, file, 2, 9,
		    &cause);
		HS_ASSERT_STR_EQ(sum, cases[i].sum);
		free(sum);
	}
	CU_ASSERT_PTR_NULL(aws_protocol_checksum("xxhash64", "a", 1, NULL, 0, 0,
	    &cause));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "unsupported checksum algorithm "
	    "'xxhash64'"));
	free(cause);
	cause = NULL;
	CU_ASSERT_PTR_NULL(aws_protocol_checksum("crc32", NULL, 0,
	    "/nonexistent/x", 0, -1, &cause));
	free(cause);
	free(file);
}

static void
test_xml_safety(void)
{
	const char *dtd = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a "
	    "\"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><r>&b;</r>";
	const char *ext = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/"
	    "passwd\">]><r>&x;</r>";
	char *cause = NULL;

	CU_ASSERT_PTR_NULL(aws_xml_parse(dtd, strlen(dtd), &cause));
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "DTD"));
	free(cause);
	cause = NULL;
	CU_ASSERT_PTR_NULL(aws_xml_parse(ext, strlen(ext), &cause));
	free(cause);
	cause = NULL;
	CU_ASSERT_PTR_NULL(aws_xml_parse("<a><b></a>", 10, &cause));
	CU_ASSERT_TRUE(hs_starts_with(cause, "invalid XML: "));
	free(cause);
}

static void
test_xml_canonical(void)
{
	const char *a = "<a xmlns=\"urn:x\">\n  <b  c='1'>t&amp;</b>\n</a>";
	const char *b = "<a xmlns=\"urn:x\"><b c=\"1\">t&amp;</b></a>";
	char *cause = NULL, *ca = aws_xml_canonical(a, strlen(a), &cause);
	char *cb = aws_xml_canonical(b, strlen(b), &cause);

	HS_ASSERT_STR_EQ(ca, cb);
	HS_ASSERT_STR_EQ(ca, "<a xmlns=\"urn:x\"><b c=\"1\">t&amp;</b></a>");
	free(ca);
	free(cb);
	/* libxml2 refuses relative namespaces in C14N: an error, no print */
	CU_ASSERT_PTR_NULL(aws_xml_canonical("<a xmlns=\"x\"/>",
	    strlen("<a xmlns=\"x\"/>"), &cause));
	CU_ASSERT_PTR_NOT_NULL(cause);
	free(cause);
}

static const struct hs_unit_case cases[] = {
	{ "timestamps", test_timestamps },
	{ "bad-timestamps", test_bad_timestamps },
	{ "python-float-repr", test_python_float_repr },
	{ "integers", test_integers },
	{ "base64", test_base64 },
	{ "json-text", test_json_text },
	{ "checksums", test_checksums },
	{ "xml-safety", test_xml_safety },
	{ "xml-canonical", test_xml_canonical },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("value", cases, HS_ARRAY_SIZE(cases));
}
