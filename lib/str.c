/*
 * str.c: small string and time helpers shared by every folder.
 */
#include "hs-common.h"

/* Tell whether s begins with prefix. */
bool
hs_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Tell whether s ends with suffix. */
bool
hs_ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

/* Copy src into dst of size n, always terminated; returns strlen(src). */
size_t
hs_strlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (n > 0) {
		size_t k = len < n - 1 ? len : n - 1;

		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return len;
}

/* Compare two strings without an early exit on the first difference. */
bool
hs_const_time_eq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;
	unsigned char diff = la != lb;

	for (i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* Levenshtein distance between two short strings. */
size_t
hs_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, result;

	row = hs_xcalloc(lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best;

			best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

/* Break a UTC time into its fields. */
int
hs_gmtime(time_t t, struct tm *out)
{
	return gmtime_r(&t, out) == NULL ? -1 : 0;
}
