// What a person reads for each error code of the protocol (protocol/README.md §6). The server's own
// sentence (error.message) is shown after it: it often says the exact amount or limit.
export const ERROR_TEXT = {
  INVALID_SEAT: 'That seat does not exist at this table.',
  SEAT_TAKEN: 'Somebody just took that seat. Pick another one.',
  ALREADY_SEATED: 'You already have a seat at this table.',
  BUY_IN_OUT_OF_RANGE: 'The buy-in must lie between the table\'s minimum and maximum.',
  INVALID_AMOUNT: 'That amount is not allowed here.',
  HAND_NOT_RUNNING: 'No hand is running right now.',
  HAND_IN_PROGRESS: 'Wait until the hand ends.',
  WRONG_HAND: 'That decision was for another hand.',
  NOT_YOUR_TURN: 'It is not your turn.',
  NOT_IN_HAND: 'You are not in this hand.',
  CANNOT_CHECK: 'There is a bet: call, raise or fold.',
  NOTHING_TO_CALL: 'There is nothing to call: check instead.',
  BET_NOT_ALLOWED: 'There is already a bet: raise instead.',
  RAISE_NOT_ALLOWED: 'You cannot raise now.',
  BELOW_MIN_BET: 'The bet is below the minimum.',
  BELOW_MIN_RAISE: 'The raise is below the minimum.',
  ABOVE_POT_LIMIT: 'At a pot-limit table you may bet or raise at most the pot.',
  INSUFFICIENT_CHIPS: 'You do not have enough chips at the table.',
  ABOVE_MAX_BUY_IN: 'That would take your stack above the maximum buy-in.',
  NOT_ENOUGH_PLAYERS: 'Waiting for more players.',
  TOO_EARLY: 'Your time has not run out yet.',
  ALREADY_SITTING_OUT: 'You are already sitting out.',
  NOT_SITTING_OUT: 'You are not sitting out.',
  ALREADY_LEAVING: 'You are already leaving this table.',
  BAD_JSON: 'The client sent a broken message (a bug in this page).',
  UNKNOWN_TYPE: 'The client sent a message the server does not know (a bug in this page).',
  INVALID_MESSAGE: 'Please check what you entered.',
  NOT_AUTHENTICATED: 'Please choose a name first.',
  ALREADY_AUTHENTICATED: 'You are already signed in on this connection.',
  INVALID_TOKEN: 'Your saved session has expired. Choose a name to start a new guest account.',
  RATE_LIMITED: 'Too many clicks at once: slow down a little.',
  TABLE_NOT_FOUND: 'That table does not exist any more.',
  TABLE_CLOSED: 'The table stopped on this server; reconnecting to it…',
  TOO_MANY_TABLES: 'The server runs as many tables as it may. Join an existing table or try later.',
  NOT_SEATED: 'You have no seat at this table.',
  INSUFFICIENT_BALANCE: 'Your balance does not cover that.',
  STORE_UNAVAILABLE: 'The server cannot save right now. Try again in a moment.',
  DRAINING: 'This server is shutting down. You will be moved; try again in a moment.',
  TABLE_MOVING: 'The table is moving to another server. Try again in a moment.',
  NODE_UNREACHABLE: 'The server running that table did not answer. Check the table before trying again.',
  REGISTRY_UNAVAILABLE: 'The cluster is partly unreachable. Try again in a moment.',
  NOT_OWNER: 'The table moved. Try again.',
  INTERNAL_ERROR: 'Something went wrong on the server. The request was not carried out.'
};

// Close codes the node uses (protocol/README.md §1, "Close codes").
export const CLOSE_TEXT = {
  1000: 'The connection was idle and closed.',
  1001: 'The server is restarting.',
  1006: 'The connection dropped.',
  1007: 'The server could not read a message (not valid UTF-8).',
  1008: 'The server closed the connection (too many messages, or reading too slowly).',
  1009: 'A message was too large.',
  1013: 'The server is full right now.'
};

/** One line for a person: the friendly text, then the server's sentence when it adds something. */
export function describeError(error) {
  const friendly = ERROR_TEXT[error.code] || 'The request failed.';
  const detail = error.message && error.message !== friendly ? ' ' + error.message : '';
  return friendly + detail + (error.retryable ? ' (You can retry.)' : '');
}
