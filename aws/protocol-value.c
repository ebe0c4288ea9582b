/*
 * protocol-value.c: scalar values between cJSON (protocol.h conventions)
 * and their text on the wire: base64, Python-compatible number text,
 * integers beyond 2^53 as raw cJSON numbers, booleans, and the paths
 * ("Tags[0].Key") that messages name.
 *
 * Numbers are written as botocore writes them, through Python's str():
 * integers exactly, floats as repr() does (shortest text that reads back
 * the same double, "1.0" for integral values, exponents from 1e16 and
 * below 1e-4), NaN and the infinities as "NaN", "Infinity", "-Infinity".
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>
#include <math.h>
#include <openssl/rand.h>
#include <strings.h>

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Append base64 of data (standard alphabet, padded). */
void
aws_base64_encode(struct hs_buf *out, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		char q[4] = {
			b64_alphabet[p[i] >> 2],
			b64_alphabet[(p[i] & 3) << 4 | p[i + 1] >> 4],
			b64_alphabet[(p[i + 1] & 15) << 2 | p[i + 2] >> 6],
			b64_alphabet[p[i + 2] & 63],
		};

		hs_buf_add(out, q, 4);
	}
	if (len - i == 1) {
		char q[4] = { b64_alphabet[p[i] >> 2],
		    b64_alphabet[(p[i] & 3) << 4], '=', '=' };

		hs_buf_add(out, q, 4);
	} else if (len - i == 2) {
		char q[4] = { b64_alphabet[p[i] >> 2],
		    b64_alphabet[(p[i] & 3) << 4 | p[i + 1] >> 4],
		    b64_alphabet[(p[i + 1] & 15) << 2], '=' };

		hs_buf_add(out, q, 4);
	}
}

static int
b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Decode base64, ignoring whitespace; -1 if it is not base64. */
int
aws_base64_decode(struct hs_buf *out, const char *s, size_t len)
{
	uint32_t acc = 0;
	size_t i, n = 0, pad = 0;

	for (i = 0; i < len; i++) {
		int v;

		if (isspace((unsigned char)s[i]))
			continue;
		if (s[i] == '=') {
			pad++;
			continue;
		}
		if (pad || (v = b64_value((unsigned char)s[i])) < 0)
			return -1;
		acc = acc << 6 | (uint32_t)v;
		if (++n % 4 == 0) {
			hs_buf_addch(out, (int)(acc >> 16 & 255));
			hs_buf_addch(out, (int)(acc >> 8 & 255));
			hs_buf_addch(out, (int)(acc & 255));
			acc = 0;
		}
	}
	if (n % 4 == 1 || pad > 2 || (pad && (n + pad) % 4 != 0))
		return -1;
	if (n % 4 == 2)
		hs_buf_addch(out, (int)(acc >> 4 & 255));
	else if (n % 4 == 3) {
		hs_buf_addch(out, (int)(acc >> 10 & 255));
		hs_buf_addch(out, (int)(acc >> 2 & 255));
	}
	return 0;
}

/* Tell whether s is valid base64 (whitespace allowed). */
bool
aws_base64_valid(const char *s)
{
	struct hs_buf b = HS_BUF_INIT;
	int rc = aws_base64_decode(&b, s, strlen(s));

	hs_buf_release(&b);
	return rc == 0;
}

/* Write the shortest %e form of v that reads back as v. */
static void
shortest_digits(double v, char *buf, size_t size)
{
	int prec;

	for (prec = 0; prec <= 17; prec++) {
		snprintf(buf, size, "%.*e", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

/* Append a double as Python's repr() does. */
void
aws_format_double(struct hs_buf *out, double v)
{
	char buf[40], digits[24];
	char *e, *p;
	int exp, nd = 0, i;

	if (isnan(v)) {
		hs_buf_adds(out, "NaN");
		return;
	}
	if (isinf(v)) {
		hs_buf_adds(out, v < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (v == 0) {
		hs_buf_adds(out, signbit(v) ? "-0.0" : "0.0");
		return;
	}
	shortest_digits(v, buf, sizeof buf);
	e = strchr(buf, 'e');
	exp = atoi(e + 1);
	for (p = buf; p < e; p++)
		if (isdigit((unsigned char)*p))
			digits[nd++] = *p;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	if (v < 0)
		hs_buf_addch(out, '-');
	if (exp >= 16 || exp < -4) {
		hs_buf_addch(out, digits[0]);
		if (nd > 1)
			hs_buf_addf(out, ".%s", digits + 1);
		hs_buf_addf(out, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
	} else if (exp >= 0) {
		for (i = 0; i <= exp; i++)
			hs_buf_addch(out, i < nd ? digits[i] : '0');
		hs_buf_addch(out, '.');
		hs_buf_adds(out, nd > exp + 1 ? digits + exp + 1 : "0");
	} else {
		hs_buf_adds(out, "0.");
		for (i = 0; i < -exp - 1; i++)
			hs_buf_addch(out, '0');
		hs_buf_adds(out, digits);
	}
}

/* Tell whether s is an optional '-' and digits. */
static bool
is_integer_text(const char *s)
{
	if (*s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* Append an integer value (cJSON number or raw digits). */
int
aws_format_integer(struct hs_buf *out, const cJSON *v)
{
	double d;

	if (cJSON_IsRaw(v) && is_integer_text(v->valuestring)) {
		hs_buf_adds(out, v->valuestring);
		return 0;
	}
	if (!cJSON_IsNumber(v))
		return -1;
	d = v->valuedouble;
	if (!isfinite(d) || floor(d) != d || d >= 9223372036854775808.0 ||
	    d < -9223372036854775808.0)
		return -1;
	hs_buf_addf(out, "%lld", (long long)d);
	return 0;
}

/* An integer cJSON from text: a number, or raw digits beyond 2^53. */
cJSON *
aws_integer_from_text(const char *s, size_t len)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t i = 0, start;
	bool neg = false;
	cJSON *v = NULL;

	while (i < len && isspace((unsigned char)s[i]))
		i++;
	while (len > i && isspace((unsigned char)s[len - 1]))
		len--;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	start = i;
	while (i < len && isdigit((unsigned char)s[i]))
		i++;
	if (i == start || i != len)
		return NULL;
	while (start < len - 1 && s[start] == '0')
		start++;
	if (neg && !(len - start == 1 && s[start] == '0'))
		hs_buf_addch(&b, '-');
	hs_buf_add(&b, s + start, len - start);
	/* exact as a double up to 2^53 = 9007199254740992 */
	if (len - start < 16 || (len - start == 16 &&
	    memcmp(s + start, "9007199254740992", 16) <= 0))
		v = cJSON_CreateNumber(strtod(b.buf, NULL));
	else
		v = cJSON_CreateRaw(b.buf);
	hs_buf_release(&b);
	return v;
}

/* A float cJSON from text: a number or "NaN"/"Infinity"/"-Infinity". */
cJSON *
aws_float_from_text(const char *s)
{
	char *end;
	double d;

	while (isspace((unsigned char)*s))
		s++;
	d = strtod(s, &end);
	if (end == s)
		return NULL;
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return NULL;
	if (isnan(d))
		return cJSON_CreateString("NaN");
	if (isinf(d))
		return cJSON_CreateString(d < 0 ? "-Infinity" : "Infinity");
	return cJSON_CreateNumber(d);
}

/* Tell whether v is one of the special float strings. */
static bool
special_float(const cJSON *v)
{
	return cJSON_IsString(v) && (strcmp(v->valuestring, "NaN") == 0 ||
	    strcmp(v->valuestring, "Infinity") == 0 ||
	    strcmp(v->valuestring, "-Infinity") == 0);
}

/* Describe a cJSON value's type for messages. */
const char *
aws_json_type_name(const cJSON *v)
{
	if (v == NULL || cJSON_IsNull(v))
		return "null";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v) || cJSON_IsRaw(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsArray(v))
		return "a list";
	return "an object";
}

static int
type_error(char **cause, const char *path, const struct aws_ref *ref,
    const cJSON *v, const char *want)
{
	*cause = hs_xasprintf("invalid type for parameter %s: got %s, "
	    "expected %s (%s)", *path ? path : "input", aws_json_type_name(v),
	    want, aws_shape_type_name(ref->shape->type));
	return -1;
}

/* Append the text of a timestamp value. */
static int
timestamp_to_text(struct hs_buf *out, const cJSON *v,
    enum aws_timestamp_format fmt, const char *path, char **cause)
{
	struct aws_time t;

	if (aws_time_from_json(v, &t) < 0) {
		char *text = cJSON_PrintUnformatted(v);

		*cause = hs_xasprintf("invalid timestamp for parameter %s: "
		    "%s (use ISO 8601, e.g. 2024-01-31T12:00:00Z, or epoch "
		    "seconds)", *path ? path : "input", text ? text : "?");
		free(text);
		return -1;
	}
	aws_time_format(out, &t, fmt);
	return 0;
}

/* Append the text of a scalar value. */
int
aws_scalar_to_text(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, enum aws_timestamp_format fmt, const char *path,
    char **cause)
{
	switch (ref->shape->type) {
	case AWS_SHAPE_STRING:
	case AWS_SHAPE_CHARACTER:
		if (!cJSON_IsString(v))
			return type_error(cause, path, ref, v, "a string");
		hs_buf_adds(out, v->valuestring);
		return 0;
	case AWS_SHAPE_BOOLEAN:
		if (!cJSON_IsBool(v))
			return type_error(cause, path, ref, v, "true or false");
		hs_buf_adds(out, cJSON_IsTrue(v) ? "true" : "false");
		return 0;
	case AWS_SHAPE_BYTE:
	case AWS_SHAPE_SHORT:
	case AWS_SHAPE_INTEGER:
	case AWS_SHAPE_LONG:
		if (aws_format_integer(out, v) < 0)
			return type_error(cause, path, ref, v, "an integer");
		return 0;
	case AWS_SHAPE_FLOAT:
	case AWS_SHAPE_DOUBLE:
		if (special_float(v))
			hs_buf_adds(out, v->valuestring);
		else if (cJSON_IsNumber(v))
			aws_format_double(out, v->valuedouble);
		else
			return type_error(cause, path, ref, v, "a number");
		return 0;
	case AWS_SHAPE_TIMESTAMP:
		return timestamp_to_text(out, v, fmt, path, cause);
	case AWS_SHAPE_BLOB:
		if (!cJSON_IsString(v))
			return type_error(cause, path, ref, v,
			    "a base64 string");
		if (!aws_base64_valid(v->valuestring)) {
			*cause = hs_xasprintf("invalid base64 for parameter "
			    "%s", *path ? path : "input");
			return -1;
		}
		hs_buf_adds(out, v->valuestring);
		return 0;
	default:
		return type_error(cause, path, ref, v, "a scalar");
	}
}

static cJSON *
parse_error(char **cause, const char *path, const struct aws_ref *ref,
    const char *text)
{
	*cause = hs_xasprintf("invalid %s value for '%s': '%.64s'",
	    aws_shape_type_name(ref->shape->type), *path ? path : "input",
	    text);
	return NULL;
}

/* Normalise base64 text (decode, encode); NULL if it is not base64. */
static cJSON *
blob_from_text(const char *text, size_t len)
{
	struct hs_buf raw = HS_BUF_INIT, enc = HS_BUF_INIT;
	cJSON *v = NULL;

	if (aws_base64_decode(&raw, text, len) == 0) {
		aws_base64_encode(&enc, raw.buf, raw.len);
		v = cJSON_CreateString(enc.buf);
	}
	hs_buf_release(&raw);
	hs_buf_release(&enc);
	return v;
}

/* Parse the text of a scalar into a cJSON value. */
cJSON *
aws_scalar_from_text(const struct aws_ref *ref, const char *text, size_t len,
    const char *path, char **cause)
{
	cJSON *v = NULL;
	char *s = hs_xstrndup(text, len);

	switch (ref->shape->type) {
	case AWS_SHAPE_STRING:
	case AWS_SHAPE_CHARACTER:
		v = cJSON_CreateString(s);
		break;
	case AWS_SHAPE_BOOLEAN:
		v = cJSON_CreateBool(strcasecmp(s, "true") == 0);
		break;
	case AWS_SHAPE_BYTE:
	case AWS_SHAPE_SHORT:
	case AWS_SHAPE_INTEGER:
	case AWS_SHAPE_LONG:
		v = aws_integer_from_text(s, strlen(s));
		break;
	case AWS_SHAPE_FLOAT:
	case AWS_SHAPE_DOUBLE:
		v = aws_float_from_text(s);
		break;
	case AWS_SHAPE_TIMESTAMP:
		v = aws_timestamp_from_text(s);
		break;
	case AWS_SHAPE_BLOB:
		v = blob_from_text(s, strlen(s));
		break;
	default:
		break;
	}
	if (v == NULL)
		parse_error(cause, path, ref, s);
	free(s);
	return v;
}

/* The timestamp format a reference uses where the default is given. */
enum aws_timestamp_format
aws_ref_timestamp_format(const struct aws_ref *ref,
    enum aws_timestamp_format protocol_default)
{
	if (ref->traits->timestamp_format != AWS_TIMESTAMP_DEFAULT)
		return ref->traits->timestamp_format;
	return protocol_default;
}

#ifdef HS_UNIT_TESTS
/* Tests only: when set, every UUID4 is this one (protocol vectors). */
const char *aws_uuid_fixed;
#endif

/* A fresh UUID4. */
void
aws_uuid4(char out[37])
{
	unsigned char r[16];

#ifdef HS_UNIT_TESTS
	if (aws_uuid_fixed != NULL) {
		snprintf(out, 37, "%s", aws_uuid_fixed);
		return;
	}
#endif

	if (RAND_bytes(r, sizeof r) != 1)
		BUG("RAND_bytes failed: no randomness for a UUID");
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5],
	    r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
}

/* "Tags" + "Key" -> "Tags.Key" (or "Key" at the top). */
char *
aws_path_member(const char *path, const char *member)
{
	return *path ? hs_xasprintf("%s.%s", path, member) :
	    hs_xstrdup(member);
}

/* "Tags" + 0 -> "Tags[0]". */
char *
aws_path_index(const char *path, size_t i)
{
	return hs_xasprintf("%s[%zu]", path, i);
}

/* "Tags" + "k" -> "Tags.k" (map keys). */
char *
aws_path_key(const char *path, const char *key)
{
	return hs_xasprintf("%s.%s", path, key);
}
