/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A SoupServer on 127.0.0.1, port 0, running in its own thread and main
 * context, serving tests/data/ and the generated cases the web tests need.
 * Paths:
 *   /data/<path under tests/data>   files, with ETag and Last-Modified, 304
 *                                   on a matching If-None-Match (or, without
 *                                   one, If-Modified-Since)
 *   /status/<code>                  an empty answer with that status
 *   /slow                           never answers
 *   /echo-headers                   the request's User-Agent and Accept-Encoding
 *   /redirect/<n>                   n redirects, then /data/web/article.html
 *   /go/<code>/<rest>               answers <code> with Location /<rest>, so
 *                                   redirects of any kind can be chained
 *   /go/<code>/web/<path>           the same, with the absolute address
 *                                   http://127.0.0.1:<port>/<path>
 *   /loop/a, /loop/b                redirect to each other
 *   /to-ftp                         redirects to an ftp:// address
 *   /huge                           50 MB with Content-Length
 *   /huge-chunked                   50 MB chunked, no length announced
 *   /gzip-bomb                      a small gzip body that inflates to 64 MB
 *   /charset/meta-wins              header says UTF-8, page is windows-1251
 *                                   and says so in <meta>
 *   /charset/lie                    header says UTF-8, page is Latin-1,
 *                                   nothing else declared
 *   /charset/feed-lie               header says UTF-8, feed is Latin-1 and
 *                                   says so in its XML declaration
 *   /feed/<n>                       a generated RSS feed with 5 items
 *   /full-feed/<n>                  3 items that carry their whole text
 *   /page/<n>/<i>                   a generated article page
 *   /mutable                        a feed whose items the test sets
 *   /flaky                          500 until told to recover
 * The same paths are served over https with a self-signed certificate
 * (tests/data/web/test-cert.pem) that no client trusts.
 */
typedef struct _WebTestServer WebTestServer;

WebTestServer *web_test_server_new          (void);
void           web_test_server_free         (WebTestServer *self);
char          *web_test_server_url          (WebTestServer *self,
                                             const char    *path);
char          *web_test_server_tls_url      (WebTestServer *self,
                                             const char    *path);
guint          web_test_server_hits         (WebTestServer *self,
                                             const char    *path);
void           web_test_server_set_mutable  (WebTestServer *self,
                                             guint          n_items);
void           web_test_server_set_flaky    (WebTestServer *self,
                                             gboolean       failing);
void           web_test_server_set_page_delay_ms (WebTestServer *self,
                                             guint          delay_ms);
guint          web_test_server_max_parallel (WebTestServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WebTestServer, web_test_server_free)

G_END_DECLS
