/**
 * Replies, feedback, corrections and review decisions per claim since `$1` (an ISO time), in SQL
 * both engines run: every claim answered, taught or reviewed in the window, most answered first.
 */
export const STATS_SQL = `
WITH ids AS (
  SELECT claim_id FROM replies WHERE sent_at >= $1
  UNION SELECT claim_id FROM claim_versions WHERE at >= $1 AND action = 'teach'
  UNION SELECT claim_id FROM review_suggestions WHERE decided_at >= $1
  UNION SELECT decided_claim_id FROM review_suggestions WHERE decided_at >= $1 AND status = 'accepted'
)
SELECT ids.claim_id AS "claimId",
  (SELECT COUNT(*) FROM replies r WHERE r.claim_id = ids.claim_id AND r.sent_at >= $1 AND r.kind = 'passive') AS replies,
  (SELECT COUNT(*) FROM feedback f JOIN replies r ON f.platform = r.platform AND f.channel_id = r.channel_id AND f.reply_message_id = r.message_id
     WHERE r.claim_id = ids.claim_id AND f.at >= $1 AND f.kind = 'helpful') AS helpful,
  (SELECT COUNT(*) FROM feedback f JOIN replies r ON f.platform = r.platform AND f.channel_id = r.channel_id AND f.reply_message_id = r.message_id
     WHERE r.claim_id = ids.claim_id AND f.at >= $1 AND f.kind = 'not-relevant') AS "notRelevant",
  (SELECT COUNT(*) FROM replies r WHERE r.claim_id = ids.claim_id AND r.sent_at >= $1 AND r.kind = 'correction') AS corrections,
  (SELECT COUNT(*) FROM review_suggestions s WHERE s.decided_claim_id = ids.claim_id AND s.decided_at >= $1 AND s.status = 'accepted') AS "suggestionsAccepted",
  (SELECT COUNT(*) FROM review_suggestions s WHERE s.claim_id = ids.claim_id AND s.decided_at >= $1
     AND (s.status = 'rejected' OR (s.status = 'accepted' AND s.decided_claim_id <> s.claim_id))) AS "suggestionsRejected"
FROM ids ORDER BY replies DESC, "claimId"`;
