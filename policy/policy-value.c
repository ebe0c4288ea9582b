/*
 * policy-value.c: the typed values of condition operators.
 *
 * Numbers are decimal integers or reals. Dates are W3C ISO 8601
 * (YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.s]] with Z, +hh:mm or none for UTC)
 * or epoch seconds (all digits); a bare year is read as epoch seconds.
 * Booleans are "true" or "false" in any case. IP values are IPv4 or IPv6
 * addresses, with a /prefix in policies (CIDR); an IPv4-mapped IPv6
 * address in a request matches IPv4 networks. Binary values are base64.
 */
#include "hs-common.h"
#include "policy-int.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <math.h>
#include <strings.h>
#include <sys/socket.h>

/* Parse a decimal number; -1 if s is not one. */
int
pol_parse_number(const char *s, double *out)
{
	char *end;

	if (*s == '\0' || isspace((unsigned char)*s))
		return -1;
	*out = strtod(s, &end);
	if (*end != '\0' || !isfinite(*out))
		return -1;
	if (strpbrk(s, "xXnN") != NULL)	/* hex, nan, inf: not policy numbers */
		return -1;
	return 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* Read exactly n digits at *s; -1 if they are not there. */
static int
digits(const char **s, int n, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		v = v * 10 + (unsigned)((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return 0;
}

/* Read ".fraction" as microseconds. */
static int64_t
fraction_usec(const char **s)
{
	int64_t us = 0, scale = 100000;

	if (**s != '.')
		return 0;
	for ((*s)++; isdigit((unsigned char)**s); (*s)++) {
		us += (**s - '0') * scale;
		scale /= 10;
	}
	return us;
}

/* Read the zone (Z, +hh:mm, +hhmm, or none) as an offset in seconds. */
static int
zone_offset(const char *s, int64_t *off)
{
	unsigned h, m;
	int sign;

	*off = 0;
	if (*s == '\0' || (s[0] == 'Z' && s[1] == '\0'))
		return 0;
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(&s, 2, &h) < 0)
		return -1;
	if (*s == ':')
		s++;
	if (digits(&s, 2, &m) < 0 || *s != '\0' || h > 23 || m > 59)
		return -1;
	*off = sign * (int64_t)(h * 3600 + m * 60);
	return 0;
}

/* Read "Thh:mm[:ss[.s]]zone" into seconds of the day and microseconds. */
static int
parse_time_of_day(const char *s, int64_t *secs, int64_t *usec)
{
	unsigned h, mi, se = 0;
	int64_t off;

	if (*s++ != 'T' || digits(&s, 2, &h) < 0 || *s++ != ':' ||
	    digits(&s, 2, &mi) < 0)
		return -1;
	if (*s == ':') {
		s++;
		if (digits(&s, 2, &se) < 0)
			return -1;
		*usec = fraction_usec(&s);
	}
	if (h > 23 || mi > 59 || se > 60 || zone_offset(s, &off) < 0)
		return -1;
	*secs = (int64_t)(h * 3600 + mi * 60 + se) - off;
	return 0;
}

static int
parse_epoch(const char *s, int64_t *usec)
{
	const char *p = s;
	int64_t sec = 0;

	for (; isdigit((unsigned char)*p); p++) {
		if (sec > INT64_MAX / 10 / 1000000)
			return -1;
		sec = sec * 10 + (*p - '0');
	}
	*usec = sec * 1000000 + fraction_usec(&p);
	return *p == '\0' ? 0 : -1;
}

/* Parse a date into microseconds since the epoch. */
int
pol_parse_date(const char *s, int64_t *usec)
{
	unsigned y, mo = 1, d = 1;
	int64_t secs = 0, us = 0;
	const char *p = s;

	if (*s == '\0')
		return -1;
	if (strspn(s, "0123456789.") == strlen(s))
		return parse_epoch(s, usec);
	if (digits(&p, 4, &y) < 0)
		return -1;
	if (*p == '-' && (p++, digits(&p, 2, &mo) < 0))
		return -1;
	if (*p == '-' && (p++, digits(&p, 2, &d) < 0))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	if (*p != '\0' && parse_time_of_day(p, &secs, &us) < 0)
		return -1;
	*usec = (days_from_civil(y, mo, d) * 86400 + secs) * 1000000 + us;
	return 0;
}

/* Parse an IP address, or a CIDR network when cidr is true. */
int
pol_parse_ip(const char *s, struct pol_ip *out, bool cidr)
{
	char addr[64];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned max;
	char *end;
	unsigned long prefix;

	if (n >= sizeof addr || (slash != NULL && !cidr))
		return -1;
	memcpy(addr, s, n);
	addr[n] = '\0';
	memset(out, 0, sizeof *out);
	if (inet_pton(AF_INET, addr, out->addr) == 1) {
		out->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, addr, out->addr) == 1) {
		out->family = AF_INET6;
		max = 128;
	} else
		return -1;
	out->prefix = max;
	if (slash == NULL)
		return 0;
	if (!isdigit((unsigned char)slash[1]))
		return -1;
	prefix = strtoul(slash + 1, &end, 10);
	if (*end != '\0' || prefix > max)
		return -1;
	out->prefix = (unsigned)prefix;
	return 0;
}

/* Tell whether addr lies in network net. */
bool
pol_ip_in(const struct pol_ip *net, const struct pol_ip *addr)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };
	const unsigned char *a = addr->addr;
	unsigned full, rest;
	int family = addr->family;

	if (family == AF_INET6 && net->family == AF_INET &&
	    memcmp(a, mapped, 12) == 0) {
		a += 12;
		family = AF_INET;
	}
	if (family != net->family)
		return false;
	full = net->prefix / 8;
	rest = net->prefix % 8;
	if (memcmp(net->addr, a, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((net->addr[full] ^ a[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

/* Parse "true" or "false" in any case. */
int
pol_parse_bool(const char *s, bool *out)
{
	if (strcasecmp(s, "true") == 0)
		*out = true;
	else if (strcasecmp(s, "false") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

static int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decode standard base64 (padding optional); -1 on a bad character. */
int
pol_base64_decode(const char *s, unsigned char **out, size_t *outlen)
{
	size_t n = strlen(s), i, o = 0;
	unsigned acc = 0;
	int bits = 0;
	unsigned char *buf;

	while (n > 0 && s[n - 1] == '=')
		n--;
	if (strlen(s) - n > 2 || n % 4 == 1)
		return -1;
	buf = hs_xmalloc(n * 3 / 4 + 1);
	for (i = 0; i < n; i++) {
		int v = b64_value(s[i]);

		if (v < 0) {
			free(buf);
			return -1;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf[o++] = (unsigned char)(acc >> bits);
		}
	}
	*out = buf;
	*outlen = o;
	return 0;
}
