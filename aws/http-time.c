/*
 * http-time.c: the two date formats the network code reads.
 *
 * HTTP-date (the Date header, for the clock-skew correction) and ISO 8601
 * (credential expirations from STS, IMDS, containers, credential_process
 * and the CLI's cache). Parsed by hand, not with strptime(), so that the
 * shell's locale cannot change month names, and converted with timegm().
 */
#include "hs-common.h"
#include "http.h"

#include <ctype.h>
#include <strings.h>

/* Read exactly n digits. */
static int
digits(const char **p, int n, int *out)
{
	int v = 0;

	while (n-- > 0) {
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	*out = v;
	return 0;
}

/* Expect one character. */
static int
expect(const char **p, char ch)
{
	if (**p != ch)
		return -1;
	(*p)++;
	return 0;
}

/* Convert broken-down UTC to time_t, checking the ranges. */
static int
to_time(int y, int mon, int d, int h, int mi, int s, time_t *out)
{
	struct tm tm = { 0 };

	if (mon < 1 || mon > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    s > 60 || y < 1970)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	*out = timegm(&tm);
	return 0;
}

/* Parse an RFC 7231 HTTP-date: "Sun, 06 Nov 1994 08:49:37 GMT". */
int
aws_http_date_parse(const char *s, time_t *out)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *p = s, *m;
	int d, y, h, mi, sec;

	p = strchr(p, ',');
	if (p == NULL)
		return -1;
	p++;
	while (*p == ' ')
		p++;
	if (digits(&p, 2, &d) < 0 || expect(&p, ' ') < 0)
		return -1;
	for (m = months; *m; m += 3)
		if (strncasecmp(p, m, 3) == 0)
			break;
	if (*m == '\0')
		return -1;
	p += 3;
	if (expect(&p, ' ') < 0 || digits(&p, 4, &y) < 0 ||
	    expect(&p, ' ') < 0 || digits(&p, 2, &h) < 0 ||
	    expect(&p, ':') < 0 || digits(&p, 2, &mi) < 0 ||
	    expect(&p, ':') < 0 || digits(&p, 2, &sec) < 0 ||
	    strcmp(p, " GMT") != 0)
		return -1;
	return to_time(y, (int)(m - months) / 3 + 1, d, h, mi, sec, out);
}

/* Read the zone after the seconds: Z, UTC, GMT, +HH:MM, -HHMM. */
static int
zone(const char *p, long *offset)
{
	int hh, mm = 0;
	int sign;

	*offset = 0;
	if (*p == '\0' || strcmp(p, "Z") == 0 || strcmp(p, "UTC") == 0 ||
	    strcmp(p, "GMT") == 0)
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &hh) < 0)
		return -1;
	if (*p == ':')
		p++;
	if (*p != '\0' && digits(&p, 2, &mm) < 0)
		return -1;
	if (*p != '\0')
		return -1;
	*offset = sign * (hh * 3600L + mm * 60L);
	return 0;
}

/* Parse an ISO 8601 time as AWS and the CLI cache write them. */
int
aws_iso8601_parse(const char *s, time_t *out)
{
	const char *p = s;
	int y, mon, d, h, mi, sec;
	long offset;

	if (digits(&p, 4, &y) < 0 || expect(&p, '-') < 0 ||
	    digits(&p, 2, &mon) < 0 || expect(&p, '-') < 0 ||
	    digits(&p, 2, &d) < 0 || (*p != 'T' && *p != 't' && *p != ' '))
		return -1;
	p++;
	if (digits(&p, 2, &h) < 0 || expect(&p, ':') < 0 ||
	    digits(&p, 2, &mi) < 0 || expect(&p, ':') < 0 ||
	    digits(&p, 2, &sec) < 0)
		return -1;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	if (zone(p, &offset) < 0 || to_time(y, mon, d, h, mi, sec, out) < 0)
		return -1;
	*out -= offset;
	return 0;
}

/* Format t as "2024-01-02T03:04:05Z". */
void
aws_iso8601_format(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (hs_gmtime(t, &tm) < 0 ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		hs_strlcpy(buf, "1970-01-01T00:00:00Z", len);
}
