<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CardScreen</name>
    <message>
        <source>{card} · valid until {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card …{end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 stamp for this purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} stamps for this purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New on this terminal — its stamps show after the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{stamps} stamps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{stamps} of {total} stamps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>Type the server address first. {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test failed unexpectedly. Try again; if it keeps happening, restart the kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the server at {url} answers and accepts the API key and terminal token (1 stamp card for this shop). {clock}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the server at {url} answers and accepts the API key and terminal token ({count} stamp cards for this shop). {clock}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the API key and the terminal token first: the server needs both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at {url} does not accept the API key or the terminal token (HTTP 401). Type both again exactly as the server&apos;s set-up gave them, then test again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepts the credentials but does not let this terminal read the shop&apos;s data (HTTP 403). Ask whoever runs the server to allow this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to {url} failed ({reason}). Check that the address starts with the right http:// or https://, that the server&apos;s certificate is valid, and that this computer&apos;s date and time are right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at {url} did not answer in time. Check the network; if it keeps happening, the server may be overloaded or down — try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached at {url}. Check the address and that this computer is online (cable or Wi-Fi); if both are right, the server may be down — try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is reachable but failing right now (it answered with an error). Try again in a few minutes; the events are kept until it works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something answers at {url}, but it is not a stamp server. Check the address, including any path after the host name (a Wi-Fi login page can also cause this).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the test ({error}). Check the settings with whoever runs the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clocks agree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} behind the server&apos;s: stamps still count, but set this computer&apos;s date and time right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} ahead of the server&apos;s: stamps still count, but set this computer&apos;s date and time right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} h</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <source>Given by mistake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 stamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} stamps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} rewards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed {stamps} and {rewards}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card now has {stamps} of {total} stamps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card now has {stamps} stamps.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionsFlow</name>
    <message>
        <source>Enter the manager PIN to correct card …{end}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionsScreen</name>
    <message>
        <source>Corrections — {card}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card has 1 stamp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card has {count} stamps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a reward:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card has no active reward.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {reward}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (kept in the card&apos;s history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or type the reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stamps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove 1 stamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {count} stamps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the stamps or the reward to remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type a reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeclinePanel</name>
    <message>
        <source>Why is it declined?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the shop&apos;s limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned by mistake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline {event}? Say why — the reason is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolResultPanel</name>
    <message>
        <source>Write to NFC card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold a blank NFC card on the reader and keep it there until this says it is written (up to {seconds} s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NFC card is written and checked: it now opens this customer&apos;s stamp card. Give it to the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the customer photograph this code or save it: it is their stamp card. They show it at every visit to collect stamps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give stamps now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member number {number}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrolScreen</name>
    <message>
        <source>Every field is optional. Press Enrol to issue the customer&apos;s stamp card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not an e-mail address — it needs a name, @ and a domain, such as name@example.com. Correct it or leave the field empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolling… the server is issuing the card.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <source>Member {number} is registered, but their card was not issued ({error}). Press Try again to issue the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop has {count} stamp cards and the terminal&apos;s stamp_value names none of them; ask the manager to set stamp_value to the stamp card&apos;s stamp value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server offers no stamp card this terminal can issue; ask the manager to set one up for the shop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Nothing was created; ask the manager to check the terminal&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Check the entries and press Enrol again; if it happens again, ask the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Wait a moment and press Enrol again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server. Nothing was sent. Enrol the customer when the badge at the top shows Online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server — and this terminal has no server set up. Ask the manager to set the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not accept this terminal&apos;s credentials, so no customer can be enrolled. Nothing was sent; ask the manager to correct them in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment is not set up on this terminal: the configuration keys &apos;app_id&apos; and &apos;app_secret&apos; must both be set. Nothing was sent; ask the manager to set them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not be reached, so the customer was not enrolled. New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server. Press Enrol again when the badge at the top shows Online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolling failed unexpectedly. Press Enrol again; if it keeps happening, restart the terminal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventRow</name>
    <message>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsOverview</name>
    <message>
        <source>Waiting to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held for a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stamp removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reward redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reward earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stamp removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reward removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card belongs to another shop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not know this card — it may have been deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not know this reward on this card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card had already expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card is no longer active (deleted, switched off or not valid yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This reward had already been redeemed, perhaps at another counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This reward had already expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This reward had been removed from the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stamp code set up on this terminal is not one of this card&apos;s stamps — ask the manager to check the terminal&apos;s stamp setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server already had this event with different details and kept the first one — tell the manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop&apos;s anti-fraud rule refused this stamp: the card was stamped too recently, or has had the most stamps allowed in one day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined by a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} · Card …{card} · {what} · {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} of {time} on card …{card}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined by a manager: {reason}. It will not be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{note} A manager can release it to be sent, or decline it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is over one of the shop&apos;s limits. A manager can release it to be sent, or decline it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tried once so far; it is sent as soon as the server answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tried {count} times so far; it is sent as soon as the server answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this event — tell the manager if it happens again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{words} It was not counted on the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} (server code {code}, {message})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} (server code {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online — new events are sent to the server within seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server is set up — events are kept on this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials — nothing is sent until a manager corrects the API key or terminal token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Events are kept here; the next try is soon, or press Sync now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Events are kept here; the next try is in about {seconds} s, or press Sync now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last successful sync: never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last successful sync: {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message>
        <source>Sync and events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server is set up, so there is nowhere to send the events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials — a manager must correct the API key or terminal token before anything can be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync did not get through: the credentials are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent yet: the server cannot be reached. The events are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release {event} so it is sent to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline {event}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline the held event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released — it is sent once a server is set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released — it is sent to the server with this sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined — it will not be sent; the reason is kept with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The events could not be read or changed — try again; if it keeps happening, restart the terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindCustomer</name>
    <message>
        <source>Type the customer&apos;s phone number, then press Search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the card code from the customer&apos;s card page, then press Search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the customer&apos;s phone number first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the card code first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a card code — a card code has 32 digits and letters A to F in groups of 8-4-4-4-12, as on the customer&apos;s card page. Check it and enter it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This looks like a phone number — choose Phone and search again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed and nothing was changed — try again; if it keeps happening, restart the terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindCustomerScreen</name>
    <message>
        <source>Find a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Enter the manager PIN to leave kiosk mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stamp terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyalty stamps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reward} — enjoy!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 stamp added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} stamps added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card now has {stamps} of {total} stamps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held for a manager to review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This scan was not counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong and nothing was counted — scan the card again; if it keeps happening, restart the terminal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinGate</name>
    <message>
        <source>Checking the PIN…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadyScreen</name>
    <message>
        <source>Scan your QR code or tap your card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{device}: {status}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedeemConfirmScreen</name>
    <message>
        <source>Redeem now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeem “{reward}” for this customer?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RewardPanels</name>
    <message>
        <source>Reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reward} · until {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stamp removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reward removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer can redeem it on their next visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reward}!</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RewardsPanel</name>
    <message>
        <source>Rewards available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rewards available yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address: type the whole address with http:// or https://, e.g. https://stamps.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: type a whole number from {minimum} to {maximum}, e.g. {example}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: type a number of seconds from {minimum} to {maximum}, e.g. {example}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: choose one of the values offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. https://stamps.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merchant&apos;s API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal&apos;s bearer token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminal token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merchant&apos;s app id, for registering members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s secret that signs member registrations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NFC reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>barcode scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same card again within (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same card again within this time gives no new event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most stamps per purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most stamps the cashier may give in one purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least time between visits (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least time between two visits of one card (0: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (off) or 600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most stamps per card and day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most stamps per card per day (0: off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (off) or 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a visit breaks a limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review keeps the stamps, held until a manager releases them on the Events screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewards while offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow one redemption per card while offline, until the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed card codes only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse card codes without a valid signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These policies do not fit together: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by {variable} on this computer, which overrides the settings file — change it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the settings file has a problem ({error}). Correct the file, or ask whoever set up the terminal. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the settings file {path} cannot be written ({reason}). Check that the disk is not full and that the kiosk may write there. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: something went wrong. Try again; if it keeps happening, restart the kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to save — no setting was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policies apply from the next scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language is now {language}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{language} is not installed on this terminal yet, so the screens stay in English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the kiosk to use the new {settings} (leave it with Ctrl+Shift+Q and the manager PIN, then start it again).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDevices</name>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No state yet: this kiosk has not opened this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{state} — {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{state}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Open the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved — used when the kiosk is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes here are used when the kiosk is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes here apply from the next scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved. {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some changes are not saved. Press Save to keep them, or Back again to leave without them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>{count} scan(s) waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention: credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials: nothing is sent until a manager corrects them in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention: {count} to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} event(s) were refused or held for review: see Events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online · sending {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server · {count} pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server is set up: scans are kept on this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline · {count} pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached: scans are kept and sent when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitsPanel</name>
    <message>
        <source>Last visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No visits here yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
