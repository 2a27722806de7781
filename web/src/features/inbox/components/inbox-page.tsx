import { useInboxMessage, useInboxMessages } from '../hooks/use-inbox-messages';
import { useMarkAllRead } from '../hooks/use-message-actions';
import { MessageDetail } from './message-detail';
import { MessageListItem } from './message-list-item';
import { InboxIcon } from './inbox-icon';

/** The full inbox: the message list (paged) beside the opened message. */
export function InboxPage({ selectedId }: { selectedId?: string }) {
  const query = useInboxMessages();
  const markAll = useMarkAllRead();
  const messages = query.data?.pages.flatMap((page) => page.items) ?? [];
  const listed = selectedId ? messages.find((message) => message.id === selectedId) : undefined;
  const single = useInboxMessage(selectedId, query.isSuccess && !listed);
  const selected = listed ?? single.data;
  const unread = messages.filter((message) => !message.read).length;

  return (
    <div className="page inbox-page">
      <div className="page-header">
        <div>
          <h1>Inbox</h1>
          <p className="page-subtitle">
            {query.isSuccess && (messages.length === 0 ? 'No messages' : unread > 0 ? `${unread} unread` : 'All caught up')}
          </p>
        </div>
        <button
          type="button"
          className="button button-secondary"
          disabled={unread === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </button>
      </div>

      {query.isPending && (
        <div className="panel loading-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading messages…
        </div>
      )}
      {query.isError && (
        <div className="panel error-state" role="alert">
          <p>{query.error.message}</p>
          <button type="button" className="button button-secondary" onClick={() => query.refetch()}>
            Try again
          </button>
        </div>
      )}
      {query.isSuccess && messages.length === 0 && (
        <div className="panel empty-state">
          <InboxIcon />
          <h2>Your inbox is empty</h2>
          <p>Promotion messages for you will appear here.</p>
        </div>
      )}
      {messages.length > 0 && (
        <div className={`inbox-layout${selected ? ' has-selection' : ''}`}>
          <nav className="panel inbox-list" aria-label="Messages">
            <ul className="message-list">
              {messages.map((message) => (
                <MessageListItem key={message.id} message={message} selected={message.id === selectedId} />
              ))}
            </ul>
            {query.hasNextPage && (
              <button
                type="button"
                className="button button-secondary load-more"
                disabled={query.isFetchingNextPage}
                onClick={() => query.fetchNextPage()}
              >
                {query.isFetchingNextPage ? 'Loading…' : 'Load older messages'}
              </button>
            )}
          </nav>
          <section className="panel message-pane" aria-label="Message">
            {selected ? (
              <MessageDetail key={selected.id} message={selected} />
            ) : (
              <div className="empty-state">
                <p>
                  {!selectedId ? 'Select a message to read it.' : single.isPending ? 'Loading message…' : 'This message is no longer in your inbox.'}
                </p>
              </div>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
