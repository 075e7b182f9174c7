/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-store-feeds"

#include "config.h"

#include <glib/gi18n.h>

#include "tp-store-feeds-extra.h"
#include "tp-store-private.h"

/* Public API */

/**
 * tp_store_has_article_url:
 * @self: a store
 * @url: an article address
 * @out_found: (out): whether an article with that address is stored
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the lookup ran
 */
gboolean
tp_store_has_article_url (TpStore     *self,
                          const char  *url,
                          gboolean    *out_found,
                          GError     **error)
{
  const char *op = _("look for the article’s address in the library");
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (out_found != NULL, FALSE);

  stmt = _tp_store_prepare (self, "SELECT 1 FROM article WHERE url = ?1 LIMIT 1", op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  *out_found = rc == SQLITE_ROW;
  return TRUE;
}
