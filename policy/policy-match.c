/*
 * policy-match.c: wildcard matching and ARNs.
 *
 * Patterns are compiled (policy-vars.c): only the bytes POL_STAR and
 * POL_QMARK are wildcards. '*' matches any run of characters, '?' one
 * character (a whole UTF-8 sequence). Actions compare ignoring ASCII
 * case, resources and ARNs exactly.
 *
 * ARNs match segment by segment, as IAM documents for Resource and the
 * Arn* operators: the six colon-separated parts (arn, partition,
 * service, region, account, resource) are matched each on its own, so a
 * wildcard never spans a colon except inside the last part, which keeps
 * all remaining colons.
 */
#include "hs-common.h"
#include "policy-int.h"

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The length of the UTF-8 sequence starting at s (1 for stray bytes). */
static size_t
utf8_len(const char *s, size_t avail)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	size_t i;

	if (n > avail)
		return 1;
	for (i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* Match s against the compiled pattern p. */
bool
pol_glob(const char *p, size_t plen, const char *s, size_t slen, bool ci)
{
	size_t pi = 0, si = 0, star = (size_t)-1, mark = 0;

	while (si < slen) {
		if (pi < plen && p[pi] == POL_STAR) {
			star = pi++;
			mark = si;
			continue;
		}
		if (pi < plen && p[pi] == POL_QMARK) {
			pi++;
			si += utf8_len(s + si, slen - si);
			continue;
		}
		if (pi < plen && (ci ? fold((unsigned char)p[pi]) ==
		    fold((unsigned char)s[si]) : p[pi] == s[si])) {
			pi++;
			si++;
			continue;
		}
		if (star == (size_t)-1)
			return false;
		pi = star + 1;
		si = ++mark;
	}
	while (pi < plen && p[pi] == POL_STAR)
		pi++;
	return pi == plen;
}

/* Split an ARN into its six parts; false when it has fewer. */
bool
pol_arn_split(const char *s, size_t len, struct pol_arn *arn)
{
	size_t i, k = 0, start = 0;

	for (i = 0; i < len && k < 5; i++)
		if (s[i] == ':') {
			arn->part[k] = s + start;
			arn->len[k++] = i - start;
			start = i + 1;
		}
	if (k < 5)
		return false;
	arn->part[5] = s + start;
	arn->len[5] = len - start;
	return true;
}

/* Match an ARN against an ARN pattern, segment by segment. */
bool
pol_arn_glob(const char *p, size_t plen, const char *s, size_t slen)
{
	struct pol_arn pa, sa;
	int i;

	if (!pol_arn_split(p, plen, &pa) || !pol_arn_split(s, slen, &sa))
		return false;
	for (i = 0; i < 6; i++)
		if (!pol_glob(pa.part[i], pa.len[i], sa.part[i], sa.len[i],
		    false))
			return false;
	return true;
}

/* Match s against a pattern written with plain '*' and '?'. */
bool
policy_wildcard_match(const char *pattern, const char *s, bool ignore_case)
{
	size_t n = strlen(pattern), i;
	char *p = hs_xmalloc(n + 1);
	bool ok;

	for (i = 0; i < n; i++)
		p[i] = pattern[i] == '*' ? POL_STAR :
		    pattern[i] == '?' ? POL_QMARK : pattern[i];
	p[n] = '\0';
	ok = pol_glob(p, n, s, strlen(s), ignore_case);
	free(p);
	return ok;
}
