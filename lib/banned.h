/*
 * banned.h: C library functions that must not be used (git's banned.h).
 *
 * strcpy, strcat and strncpy overflow or leave strings unterminated;
 * sprintf and vsprintf overflow; strtok keeps hidden state; gmtime,
 * localtime, ctime and asctime return shared static buffers. Use hs_buf,
 * hs_strlcpy, snprintf, strtok_r, gmtime_r and localtime_r instead.
 */
#ifndef HS_BANNED_H
#define HS_BANNED_H

#define HS_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) HS_BANNED(strcpy)
#undef strcat
#define strcat(x, y) HS_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) HS_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) HS_BANNED(strncat)
#undef sprintf
#define sprintf(...) HS_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) HS_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) HS_BANNED(strtok)
#undef gmtime
#define gmtime(t) HS_BANNED(gmtime)
#undef localtime
#define localtime(t) HS_BANNED(localtime)
#undef ctime
#define ctime(t) HS_BANNED(ctime)
#undef asctime
#define asctime(t) HS_BANNED(asctime)

#endif
