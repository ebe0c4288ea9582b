/*
 * protocol-time.c: timestamps on the wire and in cJSON.
 *
 * Parsing accepts what botocore's parse_timestamp() meets in practice:
 * epoch seconds (fractions and exponents allowed), ISO 8601 in extended
 * or basic form with any offset, RFC 822/1123, RFC 850 and asctime.
 * Formatting writes botocore's wire forms (iso8601 in UTC with
 * microseconds only when there are some, rfc822 with GMT, unix seconds)
 * and the output form that Python's isoformat() gives (protocol.h).
 *
 * Calendar arithmetic is done here (days from civil, after Howard
 * Hinnant's algorithm) so that no time zone or libc range gets in the
 * way; years are limited to 1..9999 as in Python's datetime.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>
#include <math.h>
#include <strings.h>

static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const char *const day_names[] = {
	"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed",
};

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of a day number since 1970-01-01. */
static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(int64_t y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Fill t from broken-down UTC-offset local time; -1 if out of range. */
static int
time_from_fields(struct aws_time *t, int64_t y, int mo, int d, int h,
    int mi, int s, int32_t usec, int offset_min)
{
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h < 0 || h > 24 || mi < 0 ||
	    mi > 59 || s < 0 || s > 60 || (h == 24 && (mi || s || usec)))
		return -1;
	if (s == 60)
		s = 59;		/* a leap second, as dateutil clamps it */
	t->sec = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
	    (int64_t)offset_min * 60;
	t->usec = usec;
	t->offset_min = offset_min;
	return 0;
}

/* Read exactly n digits; -1 if they are not there. */
static int
read_digits(const char **p, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return v;
}

/* Read a fraction of a second ("123456789"), truncated to usec. */
static int32_t
read_fraction(const char **p)
{
	int32_t usec = 0;
	int n = 0;

	while (isdigit((unsigned char)**p)) {
		if (n < 6) {
			usec = usec * 10 + (**p - '0');
			n++;
		}
		(*p)++;
	}
	while (n++ < 6)
		usec *= 10;
	return usec;
}

/* Read a UTC offset: Z, GMT, UTC, +HH, +HHMM, +HH:MM; -1 if invalid. */
static int
read_offset(const char **p, int *offset)
{
	int sign, hh, mm = 0;

	while (**p == ' ')
		(*p)++;
	if (**p == '\0') {
		*offset = 0;
		return 0;
	}
	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		*offset = 0;
		return 0;
	}
	if (strncasecmp(*p, "GMT", 3) == 0 || strncasecmp(*p, "UTC", 3) == 0)
		*p += 3;
	if (**p == '\0') {
		*offset = 0;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return -1;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if ((hh = read_digits(p, 2)) < 0)
		return -1;
	if (**p == ':')
		(*p)++;
	if (isdigit((unsigned char)**p) && (mm = read_digits(p, 2)) < 0)
		return -1;
	if (hh > 23 || mm > 59)
		return -1;
	*offset = sign * (hh * 60 + mm);
	return 0;
}

/* Parse the time part of ISO 8601 (after the 'T'). */
static int
parse_iso_time(const char *p, bool basic, int *h, int *mi, int *s,
    int32_t *usec, int *offset)
{
	if ((*h = read_digits(&p, 2)) < 0)
		return -1;
	if (!basic && *p == ':')
		p++;
	if ((*mi = read_digits(&p, 2)) < 0)
		return -1;
	if (*p == ':' || (basic && isdigit((unsigned char)*p))) {
		if (*p == ':')
			p++;
		if ((*s = read_digits(&p, 2)) < 0)
			return -1;
		if (*p == '.' || *p == ',') {
			p++;
			if (!isdigit((unsigned char)*p))
				return -1;
			*usec = read_fraction(&p);
		}
	}
	if (read_offset(&p, offset) < 0)
		return -1;
	return *p == '\0' ? 0 : -1;
}

/* Parse ISO 8601: 2019-12-16[T23:48:18[.123][Z|+01:00]] or basic form. */
static int
parse_iso8601(const char *p, struct aws_time *t)
{
	int y, mo, d, h = 0, mi = 0, s = 0, offset = 0;
	int32_t usec = 0;
	bool basic;

	if ((y = read_digits(&p, 4)) < 0)
		return -1;
	basic = *p != '-';
	if (!basic)
		p++;
	if ((mo = read_digits(&p, 2)) < 0)
		return -1;
	if (!basic && *p++ != '-')
		return -1;
	if ((d = read_digits(&p, 2)) < 0)
		return -1;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		if (parse_iso_time(p + 1, basic, &h, &mi, &s, &usec,
		    &offset) < 0)
			return -1;
	} else if (*p != '\0')
		return -1;
	return time_from_fields(t, y, mo, d, h, mi, s, usec, offset);
}

static int
month_from_name(const char *p)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(month_names); i++)
		if (strncasecmp(p, month_names[i], 3) == 0)
			return (int)i + 1;
	return -1;
}

/* Read HH:MM[:SS] into h, mi, s. */
static int
read_hms(const char **p, int *h, int *mi, int *s)
{
	if ((*h = read_digits(p, 2)) < 0 || *(*p)++ != ':' ||
	    (*mi = read_digits(p, 2)) < 0)
		return -1;
	*s = 0;
	if (**p == ':') {
		(*p)++;
		if ((*s = read_digits(p, 2)) < 0)
			return -1;
		if (**p == '.') {
			(*p)++;
			read_fraction(p);
		}
	}
	return 0;
}

/* Parse RFC 822/1123 "[Mon, ]16 Dec 2019 23:48:18 GMT" and RFC 850
 * "Monday, 16-Dec-19 23:48:18 GMT". */
static int
parse_rfc822(const char *p, struct aws_time *t)
{
	const char *comma = strchr(p, ',');
	int d, mo, y, h, mi, s, offset;
	char sep;

	if (comma != NULL)
		p = comma + 1;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	d = *p++ - '0';
	if (isdigit((unsigned char)*p))
		d = d * 10 + (*p++ - '0');
	sep = *p++;
	if ((sep != ' ' && sep != '-') || (mo = month_from_name(p)) < 0)
		return -1;
	p += 3;
	if (*p++ != sep)
		return -1;
	if (isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]))
		y = read_digits(&p, 4);
	else if ((y = read_digits(&p, 2)) >= 0)
		y += y < 70 ? 2000 : 1900;
	if (y < 0 || *p++ != ' ' || read_hms(&p, &h, &mi, &s) < 0 ||
	    read_offset(&p, &offset) < 0 || *p != '\0')
		return -1;
	return time_from_fields(t, y, mo, d, h, mi, s, 0, offset);
}

/* Parse asctime: "Mon Dec 16 23:48:18 2019". */
static int
parse_asctime(const char *p, struct aws_time *t)
{
	int mo, d, h, mi, s, y;

	if (strlen(p) < 24 || p[3] != ' ' || (mo = month_from_name(p + 4)) < 0)
		return -1;
	p += 8;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	d = *p++ - '0';
	if (isdigit((unsigned char)*p))
		d = d * 10 + (*p++ - '0');
	if (*p++ != ' ' || read_hms(&p, &h, &mi, &s) < 0 || *p++ != ' ' ||
	    (y = read_digits(&p, 4)) < 0 || *p != '\0')
		return -1;
	return time_from_fields(t, y, mo, d, h, mi, s, 0, 0);
}

/* Fill t from epoch seconds, rounded to the microsecond. */
static int
time_from_double(double v, struct aws_time *t)
{
	double whole, frac;
	int64_t usec;

	if (!isfinite(v) || v < -62135596800.0 || v > 253402300799.0)
		return -1;
	whole = floor(v);
	frac = v - whole;
	usec = (int64_t)nearbyint(frac * 1e6);
	t->sec = (int64_t)whole;
	if (usec >= 1000000) {
		t->sec++;
		usec -= 1000000;
	}
	t->usec = (int32_t)usec;
	t->offset_min = 0;
	return 0;
}

/* Parse a timestamp in any of the formats above. */
int
aws_time_parse(const char *s, struct aws_time *t)
{
	char *end;
	double v;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return -1;
	v = strtod(s, &end);
	if (end != s && !isalpha((unsigned char)*s)) {
		while (isspace((unsigned char)*end))
			end++;
		if (*end == '\0')
			return time_from_double(v, t);
	}
	if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]))
		return parse_iso8601(s, t);
	if (parse_rfc822(s, t) == 0)
		return 0;
	return parse_asctime(s, t);
}

/* A cJSON number (epoch seconds) or string (any format). */
int
aws_time_from_json(const cJSON *v, struct aws_time *t)
{
	if (cJSON_IsNumber(v))
		return time_from_double(v->valuedouble, t);
	if (cJSON_IsString(v))
		return aws_time_parse(v->valuestring, t);
	if (cJSON_IsRaw(v))
		return aws_time_parse(v->valuestring, t);
	return -1;
}

/* Split seconds into a UTC date and time of day. */
static void
split_time(int64_t sec, int64_t *y, int *mo, int *d, int *h, int *mi,
    int *s, int *wday)
{
	int64_t days = sec >= 0 ? sec / 86400 : -((-sec + 86399) / 86400);
	int64_t rem = sec - days * 86400;

	civil_from_days(days, y, mo, d);
	*h = (int)(rem / 3600);
	*mi = (int)(rem % 3600 / 60);
	*s = (int)(rem % 60);
	*wday = (int)(((days % 7) + 7) % 7);
}

/* Append t in a wire format. */
void
aws_time_format(struct hs_buf *out, const struct aws_time *t,
    enum aws_timestamp_format fmt)
{
	int64_t y;
	int mo, d, h, mi, s, wday;

	split_time(t->sec, &y, &mo, &d, &h, &mi, &s, &wday);
	switch (fmt) {
	case AWS_TIMESTAMP_UNIX:
		hs_buf_addf(out, "%lld", (long long)t->sec);
		break;
	case AWS_TIMESTAMP_RFC822:
		hs_buf_addf(out, "%s, %02d %s %04lld %02d:%02d:%02d GMT",
		    day_names[wday], d, month_names[mo - 1], (long long)y, h,
		    mi, s);
		break;
	default:
		hs_buf_addf(out, "%04lld-%02d-%02dT%02d:%02d:%02d",
		    (long long)y, mo, d, h, mi, s);
		if (t->usec)
			hs_buf_addf(out, ".%06d", (int)t->usec);
		hs_buf_addch(out, 'Z');
		break;
	}
}

/* Append the output form: isoformat() with the wire's offset. */
void
aws_time_format_output(struct hs_buf *out, const struct aws_time *t)
{
	int64_t y;
	int mo, d, h, mi, s, wday, off = t->offset_min;

	split_time(t->sec + (int64_t)off * 60, &y, &mo, &d, &h, &mi, &s,
	    &wday);
	hs_buf_addf(out, "%04lld-%02d-%02dT%02d:%02d:%02d", (long long)y, mo,
	    d, h, mi, s);
	if (t->usec)
		hs_buf_addf(out, ".%06d", (int)t->usec);
	hs_buf_addf(out, "%c%02d:%02d", off < 0 ? '-' : '+', abs(off) / 60,
	    abs(off) % 60);
}

/* Seconds since the epoch as a double. */
double
aws_time_to_double(const struct aws_time *t)
{
	return (double)t->sec + t->usec / 1e6;
}

/* A timestamp cJSON (output form) from wire text; NULL if invalid. */
cJSON *
aws_timestamp_from_text(const char *s)
{
	struct aws_time t;
	struct hs_buf b = HS_BUF_INIT;
	cJSON *v;

	if (aws_time_parse(s, &t) < 0)
		return NULL;
	aws_time_format_output(&b, &t);
	v = cJSON_CreateString(b.buf);
	hs_buf_release(&b);
	return v;
}
