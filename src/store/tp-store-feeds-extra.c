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

/**
 * tp_store_set_feed_url:
 * @self: a store
 * @feed_id: a feed id
 * @url: the feed's new address
 * @out_other_id: (out) (optional): on %TP_STORE_ERROR_DUPLICATE, the id of
 *   the feed that already has @url
 * @error: return location for a #GError
 *
 * Changes a feed's address, for a feed that has moved permanently. Fails
 * with %TP_STORE_ERROR_DUPLICATE, changing nothing, when another feed
 * already has @url: two subscriptions to one feed would import every item
 * twice.
 *
 * Returns: %TRUE when the address was changed (or already was @url)
 */
gboolean
tp_store_set_feed_url (TpStore     *self,
                       gint64       feed_id,
                       const char  *url,
                       gint64      *out_other_id,
                       GError     **error)
{
  const char *op = _("change the feed’s address");
  g_autoptr(TpStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TP_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL && *url != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tp_store_check_feed_url_free (self, url, feed_id, out_other_id, op, error))
    return FALSE;

  stmt = _tp_store_prepare (self, "UPDATE feed SET url = ?2 WHERE id = ?1", op, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  sqlite3_bind_text (stmt, 2, url, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  /* Another connection may have subscribed to @url since the check. */
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_DUPLICATE,
                   _("You are already subscribed to “%s”"), url);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _tp_store_set_error (self, error, op);
      return FALSE;
    }
  if (sqlite3_changes (_tp_store_get_db (self)) == 0)
    {
      g_set_error (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_FOUND,
                   _("Feed %lld does not exist"), (long long) feed_id);
      return FALSE;
    }
  return TRUE;
}
