# aws/net.mk: HTTP (libcurl) with retries, and the credential chain.
