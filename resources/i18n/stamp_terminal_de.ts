<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CardScreen</name>
    <message>
        <source>{card} · valid until {date}</source>
        <translation>{card} · gültig bis {date}</translation>
    </message>
    <message>
        <source>Card …{end}</source>
        <translation>Karte …{end}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>Korrigieren…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>1 stamp for this purchase</source>
        <translation>1 Stempel für diesen Einkauf</translation>
    </message>
    <message>
        <source>{count} stamps for this purchase</source>
        <translation>{count} Stempel für diesen Einkauf</translation>
    </message>
    <message>
        <source>New on this terminal — its stamps show after the next sync</source>
        <translation>Neu auf diesem Terminal — die Stempel erscheinen nach der nächsten Synchronisierung</translation>
    </message>
    <message>
        <source>{stamps} stamps</source>
        <translation>{stamps} Stempel</translation>
    </message>
    <message>
        <source>{stamps} of {total} stamps</source>
        <translation>{stamps} von {total} Stempeln</translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>Type the server address first. {problem}</source>
        <translation>Geben Sie zuerst die Serveradresse ein. {problem}</translation>
    </message>
    <message>
        <source>The test failed unexpectedly. Try again; if it keeps happening, restart the kiosk.</source>
        <translation>Der Test ist unerwartet fehlgeschlagen. Versuchen Sie es erneut; tritt der Fehler weiter auf, starten Sie die Kiosk-App neu.</translation>
    </message>
    <message>
        <source>Connected: the server at {url} answers and accepts the API key and terminal token (1 stamp card for this shop). {clock}</source>
        <translation>Verbunden: Der Server unter {url} antwortet und akzeptiert API-Schlüssel und Terminal-Token (1 Stempelkarte für dieses Geschäft). {clock}</translation>
    </message>
    <message>
        <source>Connected: the server at {url} answers and accepts the API key and terminal token ({count} stamp cards for this shop). {clock}</source>
        <translation>Verbunden: Der Server unter {url} antwortet und akzeptiert API-Schlüssel und Terminal-Token ({count} Stempelkarten für dieses Geschäft). {clock}</translation>
    </message>
    <message>
        <source>Type the API key and the terminal token first: the server needs both.</source>
        <translation>Geben Sie zuerst den API-Schlüssel und das Terminal-Token ein: Der Server braucht beides.</translation>
    </message>
    <message>
        <source>The server at {url} does not accept the API key or the terminal token (HTTP 401). Type both again exactly as the server&apos;s set-up gave them, then test again.</source>
        <translation>Der Server unter {url} akzeptiert den API-Schlüssel oder das Terminal-Token nicht (HTTP 401). Geben Sie beides noch einmal genau so ein, wie es bei der Einrichtung des Servers vergeben wurde, und testen Sie dann erneut.</translation>
    </message>
    <message>
        <source>The server accepts the credentials but does not let this terminal read the shop&apos;s data (HTTP 403). Ask whoever runs the server to allow this terminal.</source>
        <translation>Der Server akzeptiert die Zugangsdaten, erlaubt diesem Terminal aber nicht, die Daten des Geschäfts zu lesen (HTTP 403). Bitten Sie den Betreiber des Servers, dieses Terminal freizuschalten.</translation>
    </message>
    <message>
        <source>The secure connection to {url} failed ({reason}). Check that the address starts with the right http:// or https://, that the server&apos;s certificate is valid, and that this computer&apos;s date and time are right.</source>
        <translation>Die sichere Verbindung zu {url} ist fehlgeschlagen ({reason}). Prüfen Sie, ob die Adresse mit dem richtigen http:// oder https:// beginnt, ob das Zertifikat des Servers gültig ist und ob Datum und Uhrzeit dieses Computers stimmen.</translation>
    </message>
    <message>
        <source>The server at {url} did not answer in time. Check the network; if it keeps happening, the server may be overloaded or down — try again later.</source>
        <translation>Der Server unter {url} hat nicht rechtzeitig geantwortet. Prüfen Sie das Netzwerk; tritt das weiter auf, ist der Server vielleicht überlastet oder ausgefallen — versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The server cannot be reached at {url}. Check the address and that this computer is online (cable or Wi-Fi); if both are right, the server may be down — try again later.</source>
        <translation>Der Server unter {url} ist nicht erreichbar. Prüfen Sie die Adresse und ob dieser Computer online ist (Kabel oder WLAN); stimmt beides, ist der Server vielleicht ausgefallen — versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The server is reachable but failing right now (it answered with an error). Try again in a few minutes; the events are kept until it works.</source>
        <translation>Der Server ist erreichbar, hat aber gerade eine Störung (er hat mit einem Fehler geantwortet). Versuchen Sie es in einigen Minuten erneut; die Vorgänge bleiben gespeichert, bis es funktioniert.</translation>
    </message>
    <message>
        <source>Something answers at {url}, but it is not a stamp server. Check the address, including any path after the host name (a Wi-Fi login page can also cause this).</source>
        <translation>Unter {url} antwortet etwas, aber es ist kein Stempel-Server. Prüfen Sie die Adresse, auch einen Pfad nach dem Hostnamen (auch eine WLAN-Anmeldeseite kann die Ursache sein).</translation>
    </message>
    <message>
        <source>The server refused the test ({error}). Check the settings with whoever runs the server.</source>
        <translation>Der Server hat den Test abgewiesen ({error}). Prüfen Sie die Einstellungen zusammen mit dem Betreiber des Servers.</translation>
    </message>
    <message>
        <source>The clocks agree.</source>
        <translation>Die Uhren stimmen überein.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} behind the server&apos;s: stamps still count, but set this computer&apos;s date and time right.</source>
        <translation>Die Uhr dieses Computers geht gegenüber dem Server {duration} nach: Stempel zählen weiterhin, aber stellen Sie Datum und Uhrzeit dieses Computers richtig ein.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} ahead of the server&apos;s: stamps still count, but set this computer&apos;s date and time right.</source>
        <translation>Die Uhr dieses Computers geht gegenüber dem Server {duration} vor: Stempel zählen weiterhin, aber stellen Sie Datum und Uhrzeit dieses Computers richtig ein.</translation>
    </message>
    <message>
        <source>{count} s</source>
        <translation>{count} s</translation>
    </message>
    <message>
        <source>{count} min</source>
        <translation>{count} min</translation>
    </message>
    <message>
        <source>{count} h</source>
        <translation>{count} h</translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <source>Given by mistake</source>
        <translation>Versehentlich vergeben</translation>
    </message>
    <message>
        <source>Wrong card</source>
        <translation>Falsche Karte</translation>
    </message>
    <message>
        <source>Customer complaint</source>
        <translation>Kundenbeschwerde</translation>
    </message>
    <message>
        <source>1 stamp</source>
        <translation>1 Stempel</translation>
    </message>
    <message>
        <source>{count} stamps</source>
        <translation>{count} Stempel</translation>
    </message>
    <message>
        <source>1 reward</source>
        <translation>1 Prämie</translation>
    </message>
    <message>
        <source>{count} rewards</source>
        <translation>{count} Prämien</translation>
    </message>
    <message>
        <source>Removed {stamps} and {rewards}</source>
        <translation>{stamps} und {rewards} entfernt</translation>
    </message>
    <message>
        <source>Removed {what}</source>
        <translation>{what} entfernt</translation>
    </message>
    <message>
        <source>Reason: {reason}.</source>
        <translation>Grund: {reason}.</translation>
    </message>
    <message>
        <source>The card now has {stamps} of {total} stamps.</source>
        <translation>Die Karte hat jetzt {stamps} von {total} Stempeln.</translation>
    </message>
    <message>
        <source>The card now has {stamps} stamps.</source>
        <translation>Die Karte hat jetzt {stamps} Stempel.</translation>
    </message>
</context>
<context>
    <name>CorrectionsFlow</name>
    <message>
        <source>Enter the manager PIN to correct card …{end}.</source>
        <translation>Geben Sie die Manager-PIN ein, um Karte …{end} zu korrigieren.</translation>
    </message>
</context>
<context>
    <name>CorrectionsScreen</name>
    <message>
        <source>Corrections — {card}</source>
        <translation>Korrekturen — {card}</translation>
    </message>
    <message>
        <source>The card has 1 stamp.</source>
        <translation>Die Karte hat 1 Stempel.</translation>
    </message>
    <message>
        <source>The card has {count} stamps.</source>
        <translation>Die Karte hat {count} Stempel.</translation>
    </message>
    <message>
        <source>Remove a reward:</source>
        <translation>Prämie entfernen:</translation>
    </message>
    <message>
        <source>The card has no active reward.</source>
        <translation>Die Karte hat keine aktive Prämie.</translation>
    </message>
    <message>
        <source>Remove {reward}</source>
        <translation>{reward} entfernen</translation>
    </message>
    <message>
        <source>Reason (kept in the card&apos;s history)</source>
        <translation>Grund (wird im Verlauf der Karte gespeichert)</translation>
    </message>
    <message>
        <source>Or type the reason</source>
        <translation>Oder Grund eingeben</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>No stamps</source>
        <translation>Keine Stempel</translation>
    </message>
    <message>
        <source>Remove 1 stamp</source>
        <translation>1 Stempel entfernen</translation>
    </message>
    <message>
        <source>Remove {count} stamps</source>
        <translation>{count} Stempel entfernen</translation>
    </message>
    <message>
        <source>Choose the stamps or the reward to remove.</source>
        <translation>Wählen Sie die Stempel oder die Prämie, die entfernt werden sollen.</translation>
    </message>
    <message>
        <source>Choose or type a reason.</source>
        <translation>Wählen Sie einen Grund oder geben Sie ihn ein.</translation>
    </message>
</context>
<context>
    <name>DeclinePanel</name>
    <message>
        <source>Why is it declined?</source>
        <translation>Warum wird der Vorgang abgelehnt?</translation>
    </message>
    <message>
        <source>Over the shop&apos;s limit</source>
        <translation>Über dem Limit des Geschäfts</translation>
    </message>
    <message>
        <source>Scanned by mistake</source>
        <translation>Versehentlich gescannt</translation>
    </message>
    <message>
        <source>Decline it</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Keep it held</source>
        <translation>Zurückhalten</translation>
    </message>
    <message>
        <source>Decline {event}? Say why — the reason is kept.</source>
        <translation>Vorgang {event} ablehnen? Nennen Sie den Grund — er wird gespeichert.</translation>
    </message>
</context>
<context>
    <name>EnrolResultPanel</name>
    <message>
        <source>Write to NFC card</source>
        <translation>Auf NFC-Karte schreiben</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>Warten beenden</translation>
    </message>
    <message>
        <source>Hold a blank NFC card on the reader and keep it there until this says it is written (up to {seconds} s).</source>
        <translation>Halten Sie eine leere NFC-Karte an das Lesegerät und lassen Sie sie dort, bis hier steht, dass sie beschrieben ist (bis zu {seconds} s).</translation>
    </message>
    <message>
        <source>The NFC card is written and checked: it now opens this customer&apos;s stamp card. Give it to the customer.</source>
        <translation>Die NFC-Karte ist beschrieben und geprüft und öffnet jetzt die Stempelkarte dieses Kunden. Geben Sie die Karte dem Kunden.</translation>
    </message>
    <message>
        <source>Let the customer photograph this code or save it: it is their stamp card. They show it at every visit to collect stamps.</source>
        <translation>Der Kunde kann diesen Code fotografieren oder speichern: Das ist seine Stempelkarte. Er zeigt ihn bei jedem Besuch vor, um Stempel zu sammeln.</translation>
    </message>
    <message>
        <source>Give stamps now</source>
        <translation>Jetzt stempeln</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Welcome, {name}!</source>
        <translation>Willkommen, {name}!</translation>
    </message>
    <message>
        <source>Welcome!</source>
        <translation>Willkommen!</translation>
    </message>
    <message>
        <source>Member number {number}</source>
        <translation>Mitgliedsnummer {number}</translation>
    </message>
</context>
<context>
    <name>EnrolScreen</name>
    <message>
        <source>Every field is optional. Press Enrol to issue the customer&apos;s stamp card.</source>
        <translation>Alle Felder sind optional. Tippen Sie auf „Registrieren“, um die Stempelkarte des Kunden auszustellen.</translation>
    </message>
    <message>
        <source>This is not an e-mail address — it needs a name, @ and a domain, such as name@example.com. Correct it or leave the field empty.</source>
        <translation>Das ist keine E-Mail-Adresse — sie braucht einen Namen, @ und eine Domain, z. B. name@example.com. Korrigieren Sie die Eingabe oder lassen Sie das Feld leer.</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Enrolling… the server is issuing the card.</source>
        <translation>Registrierung läuft… der Server stellt die Karte aus.</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <source>Member {number} is registered, but their card was not issued ({error}). Press Try again to issue the card.</source>
        <translation>Mitglied {number} ist registriert, aber die Karte wurde nicht ausgestellt ({error}). Tippen Sie auf „Wiederholen“, um die Karte auszustellen.</translation>
    </message>
    <message>
        <source>The shop has {count} stamp cards and the terminal&apos;s stamp_value names none of them; ask the manager to set stamp_value to the stamp card&apos;s stamp value.</source>
        <translation>Das Geschäft hat {count} Stempelkarten, und der stamp_value dieses Terminals passt zu keiner davon; bitten Sie die Filialleitung, stamp_value auf den Stempelwert der gewünschten Stempelkarte zu setzen.</translation>
    </message>
    <message>
        <source>The server offers no stamp card this terminal can issue; ask the manager to set one up for the shop.</source>
        <translation>Der Server bietet keine Stempelkarte an, die dieses Terminal ausstellen kann; bitten Sie die Filialleitung, eine für das Geschäft einzurichten.</translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Nothing was created; ask the manager to check the terminal&apos;s settings.</source>
        <translation>Der Kunde wurde nicht registriert. {error}. Es wurde nichts angelegt; bitten Sie die Filialleitung, die Einstellungen des Terminals zu prüfen.</translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Check the entries and press Enrol again; if it happens again, ask the manager.</source>
        <translation>Der Kunde wurde nicht registriert. {error}. Prüfen Sie die Eingaben und tippen Sie erneut auf „Registrieren“; passiert das wieder, fragen Sie die Filialleitung.</translation>
    </message>
    <message>
        <source>The customer was not enrolled. {error}. Wait a moment and press Enrol again.</source>
        <translation>Der Kunde wurde nicht registriert. {error}. Warten Sie einen Moment und tippen Sie erneut auf „Registrieren“.</translation>
    </message>
    <message>
        <source>New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server. Nothing was sent. Enrol the customer when the badge at the top shows Online.</source>
        <translation>Neue Kunden können nur registriert werden, solange das Terminal mit dem Server verbunden ist, denn die Kartennummer kommt vom Server. Es wurde nichts gesendet. Registrieren Sie den Kunden, sobald oben „Online“ angezeigt wird.</translation>
    </message>
    <message>
        <source>New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server — and this terminal has no server set up. Ask the manager to set the server address.</source>
        <translation>Neue Kunden können nur registriert werden, solange das Terminal mit dem Server verbunden ist, denn die Kartennummer kommt vom Server — und auf diesem Terminal ist kein Server eingerichtet. Bitten Sie die Filialleitung, die Serveradresse einzutragen.</translation>
    </message>
    <message>
        <source>The server does not accept this terminal&apos;s credentials, so no customer can be enrolled. Nothing was sent; ask the manager to correct them in Settings.</source>
        <translation>Der Server akzeptiert die Zugangsdaten dieses Terminals nicht, daher können keine Kunden registriert werden. Es wurde nichts gesendet; bitten Sie die Filialleitung, die Zugangsdaten in den Einstellungen zu korrigieren.</translation>
    </message>
    <message>
        <source>Enrolment is not set up on this terminal: the configuration keys &apos;app_id&apos; and &apos;app_secret&apos; must both be set. Nothing was sent; ask the manager to set them.</source>
        <translation>Die Registrierung ist auf diesem Terminal nicht eingerichtet: Die Konfigurationsschlüssel &apos;app_id&apos; und &apos;app_secret&apos; müssen beide gesetzt sein. Es wurde nichts gesendet; bitten Sie die Filialleitung, sie zu setzen.</translation>
    </message>
    <message>
        <source>The server could not be reached, so the customer was not enrolled. New customers can only be enrolled while the terminal is connected to the server, because the card number comes from the server. Press Enrol again when the badge at the top shows Online.</source>
        <translation>Der Server war nicht erreichbar, daher wurde der Kunde nicht registriert. Neue Kunden können nur registriert werden, solange das Terminal mit dem Server verbunden ist, denn die Kartennummer kommt vom Server. Tippen Sie erneut auf „Registrieren“, sobald oben „Online“ angezeigt wird.</translation>
    </message>
    <message>
        <source>Enrolling failed unexpectedly. Press Enrol again; if it keeps happening, restart the terminal.</source>
        <translation>Die Registrierung ist unerwartet fehlgeschlagen. Tippen Sie erneut auf „Registrieren“; tritt der Fehler weiter auf, starten Sie das Terminal neu.</translation>
    </message>
</context>
<context>
    <name>EventRow</name>
    <message>
        <source>Release</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
</context>
<context>
    <name>EventsOverview</name>
    <message>
        <source>Waiting to send</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Vom Server abgewiesen</translation>
    </message>
    <message>
        <source>Held for a manager</source>
        <translation>Zur Prüfung zurückgehalten</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>Prämie eingelöst</translation>
    </message>
    <message>
        <source>Reward earned</source>
        <translation>Prämie erhalten</translation>
    </message>
    <message>
        <source>Stamp removed</source>
        <translation>Stempel entfernt</translation>
    </message>
    <message>
        <source>Reward removed</source>
        <translation>Prämie entfernt</translation>
    </message>
    <message>
        <source>the stamp</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <source>the reward redeemed</source>
        <translation>Prämie eingelöst</translation>
    </message>
    <message>
        <source>the reward earned</source>
        <translation>Prämie erhalten</translation>
    </message>
    <message>
        <source>the stamp removed</source>
        <translation>Stempel entfernt</translation>
    </message>
    <message>
        <source>the reward removed</source>
        <translation>Prämie entfernt</translation>
    </message>
    <message>
        <source>This card belongs to another shop.</source>
        <translation>Diese Karte gehört zu einem anderen Geschäft.</translation>
    </message>
    <message>
        <source>The server does not know this card — it may have been deleted.</source>
        <translation>Der Server kennt diese Karte nicht — vielleicht wurde sie gelöscht.</translation>
    </message>
    <message>
        <source>The server does not know this reward on this card.</source>
        <translation>Der Server kennt diese Prämie auf dieser Karte nicht.</translation>
    </message>
    <message>
        <source>The card had already expired.</source>
        <translation>Die Karte war bereits abgelaufen.</translation>
    </message>
    <message>
        <source>The card is no longer active (deleted, switched off or not valid yet).</source>
        <translation>Die Karte ist nicht mehr aktiv (gelöscht, deaktiviert oder noch nicht gültig).</translation>
    </message>
    <message>
        <source>This reward had already been redeemed, perhaps at another counter.</source>
        <translation>Diese Prämie war bereits eingelöst, vielleicht an einer anderen Kasse.</translation>
    </message>
    <message>
        <source>This reward had already expired.</source>
        <translation>Diese Prämie war bereits abgelaufen.</translation>
    </message>
    <message>
        <source>This reward had been removed from the card.</source>
        <translation>Diese Prämie war von der Karte entfernt worden.</translation>
    </message>
    <message>
        <source>The stamp code set up on this terminal is not one of this card&apos;s stamps — ask the manager to check the terminal&apos;s stamp setting.</source>
        <translation>Der auf diesem Terminal eingestellte Stempelcode gehört nicht zu den Stempeln dieser Karte — bitten Sie die Filialleitung, die Stempeleinstellung des Terminals zu prüfen.</translation>
    </message>
    <message>
        <source>The server already had this event with different details and kept the first one — tell the manager.</source>
        <translation>Der Server hatte diesen Vorgang bereits mit anderen Angaben und hat den ersten behalten — informieren Sie die Filialleitung.</translation>
    </message>
    <message>
        <source>The shop&apos;s anti-fraud rule refused this stamp: the card was stamped too recently, or has had the most stamps allowed in one day.</source>
        <translation>Die Betrugsschutzregel des Geschäfts hat diesen Stempel abgewiesen: Die Karte wurde erst vor Kurzem gestempelt oder hat bereits die an einem Tag erlaubte Höchstzahl an Stempeln erhalten.</translation>
    </message>
    <message>
        <source>Declined by a manager</source>
        <translation>Von der Filialleitung abgelehnt</translation>
    </message>
    <message>
        <source>{time} · Card …{card} · {what} · {state}</source>
        <translation>{time} · Karte …{card} · {what} · {state}</translation>
    </message>
    <message>
        <source>{what} of {time} on card …{card}</source>
        <translation>„{what}“ vom {time} auf Karte …{card}</translation>
    </message>
    <message>
        <source>Declined by a manager: {reason}. It will not be sent.</source>
        <translation>Von der Filialleitung abgelehnt: {reason}. Der Vorgang wird nicht gesendet.</translation>
    </message>
    <message>
        <source>{note} A manager can release it to be sent, or decline it.</source>
        <translation>{note} Die Filialleitung kann den Vorgang zum Senden freigeben oder ablehnen.</translation>
    </message>
    <message>
        <source>It is over one of the shop&apos;s limits. A manager can release it to be sent, or decline it.</source>
        <translation>Der Vorgang überschreitet ein Limit des Geschäfts. Die Filialleitung kann ihn zum Senden freigeben oder ablehnen.</translation>
    </message>
    <message>
        <source>Tried once so far; it is sent as soon as the server answers.</source>
        <translation>Bisher 1 Versuch; der Vorgang wird gesendet, sobald der Server antwortet.</translation>
    </message>
    <message>
        <source>Tried {count} times so far; it is sent as soon as the server answers.</source>
        <translation>Bisher {count} Versuche; der Vorgang wird gesendet, sobald der Server antwortet.</translation>
    </message>
    <message>
        <source>The server refused this event — tell the manager if it happens again.</source>
        <translation>Der Server hat diesen Vorgang abgewiesen — informieren Sie die Filialleitung, wenn das wieder passiert.</translation>
    </message>
    <message>
        <source>{words} It was not counted on the card.</source>
        <translation>{words} Der Vorgang wurde nicht auf der Karte gezählt.</translation>
    </message>
    <message>
        <source>{text} (server code {code}, {message})</source>
        <translation>{text} (Servercode {code}, {message})</translation>
    </message>
    <message>
        <source>{text} (server code {code})</source>
        <translation>{text} (Servercode {code})</translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation>{count} ausstehend</translation>
    </message>
    <message>
        <source>{count} sent</source>
        <translation>{count} gesendet</translation>
    </message>
    <message>
        <source>{count} refused</source>
        <translation>{count} abgewiesen</translation>
    </message>
    <message>
        <source>{count} held</source>
        <translation>{count} zurückgehalten</translation>
    </message>
    <message>
        <source>Online — new events are sent to the server within seconds.</source>
        <translation>Online — neue Vorgänge werden innerhalb von Sekunden an den Server gesendet.</translation>
    </message>
    <message>
        <source>No server is set up — events are kept on this terminal.</source>
        <translation>Kein Server eingerichtet — Vorgänge werden auf diesem Terminal gespeichert.</translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials — nothing is sent until a manager corrects the API key or terminal token.</source>
        <translation>Der Server weist die Zugangsdaten dieses Terminals ab — es wird nichts gesendet, bis die Filialleitung API-Schlüssel oder Terminal-Token korrigiert.</translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Events are kept here; the next try is soon, or press Sync now.</source>
        <translation>Offline — der Server ist nicht erreichbar. Vorgänge werden hier gespeichert; der nächste Versuch folgt in Kürze, oder tippen Sie auf „Jetzt synchronisieren“.</translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Events are kept here; the next try is in about {seconds} s, or press Sync now.</source>
        <translation>Offline — der Server ist nicht erreichbar. Vorgänge werden hier gespeichert; der nächste Versuch folgt in etwa {seconds} s, oder tippen Sie auf „Jetzt synchronisieren“.</translation>
    </message>
    <message>
        <source>Last successful sync: never</source>
        <translation>Letzte erfolgreiche Synchronisierung: nie</translation>
    </message>
    <message>
        <source>Last successful sync: {time}</source>
        <translation>Letzte erfolgreiche Synchronisierung: {time}</translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message>
        <source>Sync and events</source>
        <translation>Synchronisierung und Vorgänge</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>No events here yet.</source>
        <translation>Hier gibt es noch keine Vorgänge.</translation>
    </message>
    <message>
        <source>No server is set up, so there is nowhere to send the events.</source>
        <translation>Es ist kein Server eingerichtet, daher können die Vorgänge nirgendwohin gesendet werden.</translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials — a manager must correct the API key or terminal token before anything can be sent.</source>
        <translation>Der Server weist die Zugangsdaten dieses Terminals ab — die Filialleitung muss API-Schlüssel oder Terminal-Token korrigieren, bevor etwas gesendet werden kann.</translation>
    </message>
    <message>
        <source>Sending now…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>Synchronisierung abgeschlossen.</translation>
    </message>
    <message>
        <source>The sync did not get through: the credentials are refused.</source>
        <translation>Die Synchronisierung ist nicht durchgekommen: Die Zugangsdaten werden abgewiesen.</translation>
    </message>
    <message>
        <source>Not sent yet: the server cannot be reached. The events are kept.</source>
        <translation>Noch nicht gesendet: Der Server ist nicht erreichbar. Die Vorgänge bleiben gespeichert.</translation>
    </message>
    <message>
        <source>Release {event} so it is sent to the server</source>
        <translation>Vorgang {event} freigeben, damit er an den Server gesendet wird</translation>
    </message>
    <message>
        <source>Decline {event}</source>
        <translation>Vorgang {event} ablehnen</translation>
    </message>
    <message>
        <source>Decline the held event</source>
        <translation>Zurückgehaltenen Vorgang ablehnen</translation>
    </message>
    <message>
        <source>Released — it is sent once a server is set up.</source>
        <translation>Freigegeben — der Vorgang wird gesendet, sobald ein Server eingerichtet ist.</translation>
    </message>
    <message>
        <source>Released — it is sent to the server with this sync.</source>
        <translation>Freigegeben — der Vorgang wird mit dieser Synchronisierung an den Server gesendet.</translation>
    </message>
    <message>
        <source>Declined — it will not be sent; the reason is kept with it.</source>
        <translation>Abgelehnt — der Vorgang wird nicht gesendet; der Grund wird dazu gespeichert.</translation>
    </message>
    <message>
        <source>The events could not be read or changed — try again; if it keeps happening, restart the terminal.</source>
        <translation>Die Vorgänge konnten nicht gelesen oder geändert werden — versuchen Sie es erneut; tritt der Fehler weiter auf, starten Sie das Terminal neu.</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Vorgänge</translation>
    </message>
</context>
<context>
    <name>FindCustomer</name>
    <message>
        <source>Type the customer&apos;s phone number, then press Search.</source>
        <translation>Geben Sie die Telefonnummer des Kunden ein und tippen Sie dann auf „Suchen“.</translation>
    </message>
    <message>
        <source>Type the card code from the customer&apos;s card page, then press Search.</source>
        <translation>Geben Sie den Kartencode von der Kartenseite des Kunden ein und tippen Sie dann auf „Suchen“.</translation>
    </message>
    <message>
        <source>Type the customer&apos;s phone number first.</source>
        <translation>Geben Sie zuerst die Telefonnummer des Kunden ein.</translation>
    </message>
    <message>
        <source>Type the card code first.</source>
        <translation>Geben Sie zuerst den Kartencode ein.</translation>
    </message>
    <message>
        <source>This is not a card code — a card code has 32 digits and letters A to F in groups of 8-4-4-4-12, as on the customer&apos;s card page. Check it and enter it again.</source>
        <translation>Das ist kein Kartencode — ein Kartencode hat 32 Ziffern und Buchstaben von A bis F in Gruppen zu 8-4-4-4-12, wie auf der Kartenseite des Kunden. Prüfen Sie ihn und geben Sie ihn erneut ein.</translation>
    </message>
    <message>
        <source>This looks like a phone number — choose Phone and search again.</source>
        <translation>Das sieht wie eine Telefonnummer aus — wählen Sie „Telefon“ und suchen Sie erneut.</translation>
    </message>
    <message>
        <source>The search failed and nothing was changed — try again; if it keeps happening, restart the terminal.</source>
        <translation>Die Suche ist fehlgeschlagen, es wurde nichts geändert — versuchen Sie es erneut; tritt der Fehler weiter auf, starten Sie das Terminal neu.</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Kunde suchen</translation>
    </message>
</context>
<context>
    <name>FindCustomerScreen</name>
    <message>
        <source>Find a customer</source>
        <translation>Kunde suchen</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Card code</source>
        <translation>Kartencode</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Enter the manager PIN to leave kiosk mode.</source>
        <translation>Geben Sie die Manager-PIN ein, um den Kiosk-Modus zu verlassen.</translation>
    </message>
    <message>
        <source>Stamp terminal</source>
        <translation>Stempel-Terminal</translation>
    </message>
    <message>
        <source>Loyalty stamps</source>
        <translation>Treuestempel</translation>
    </message>
    <message>
        <source>The reward</source>
        <translation>Die Prämie</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>Prämie eingelöst</translation>
    </message>
    <message>
        <source>{reward} — enjoy!</source>
        <translation>{reward} — viel Freude damit!</translation>
    </message>
    <message>
        <source>1 stamp added</source>
        <translation>1 Stempel gutgeschrieben</translation>
    </message>
    <message>
        <source>{count} stamps added</source>
        <translation>{count} Stempel gutgeschrieben</translation>
    </message>
    <message>
        <source>The card now has {stamps} of {total} stamps.</source>
        <translation>Die Karte hat jetzt {stamps} von {total} Stempeln.</translation>
    </message>
    <message>
        <source>Held for a manager to review.</source>
        <translation>Zur Prüfung durch die Filialleitung zurückgehalten.</translation>
    </message>
    <message>
        <source>This scan was not counted.</source>
        <translation>Dieser Scan wurde nicht gezählt.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Ein Fehler ist aufgetreten</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was counted — scan the card again; if it keeps happening, restart the terminal.</source>
        <translation>Ein Fehler ist aufgetreten, es wurde nichts gezählt — scannen Sie die Karte erneut; tritt der Fehler weiter auf, starten Sie das Terminal neu.</translation>
    </message>
</context>
<context>
    <name>PinGate</name>
    <message>
        <source>Checking the PIN…</source>
        <translation>PIN wird geprüft…</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Enter the manager PIN</source>
        <translation>Manager-PIN eingeben</translation>
    </message>
</context>
<context>
    <name>ReadyScreen</name>
    <message>
        <source>Scan your QR code or tap your card</source>
        <translation>Scannen Sie Ihren QR-Code oder halten Sie Ihre Karte an das Lesegerät</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>nicht gefunden</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>{device}: {status}</source>
        <translation>{device}: {status}</translation>
    </message>
</context>
<context>
    <name>RedeemConfirmScreen</name>
    <message>
        <source>Redeem now</source>
        <translation>Jetzt einlösen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>this reward</source>
        <translation>diese Prämie</translation>
    </message>
    <message>
        <source>Redeem “{reward}” for this customer?</source>
        <translation>„{reward}“ für diesen Kunden einlösen?</translation>
    </message>
</context>
<context>
    <name>RewardPanels</name>
    <message>
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <source>{reward} · until {date}</source>
        <translation>{reward} · bis {date}</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <source>Reward redeemed</source>
        <translation>Prämie eingelöst</translation>
    </message>
    <message>
        <source>Stamp removed</source>
        <translation>Stempel entfernt</translation>
    </message>
    <message>
        <source>Reward removed</source>
        <translation>Prämie entfernt</translation>
    </message>
    <message>
        <source>A reward</source>
        <translation>Eine Prämie</translation>
    </message>
    <message>
        <source>The customer can redeem it on their next visit.</source>
        <translation>Beim nächsten Besuch einlösbar.</translation>
    </message>
    <message>
        <source>{reward}!</source>
        <translation>{reward}!</translation>
    </message>
</context>
<context>
    <name>RewardsPanel</name>
    <message>
        <source>Rewards available</source>
        <translation>Verfügbare Prämien</translation>
    </message>
    <message>
        <source>No rewards available yet</source>
        <translation>Noch keine Prämien verfügbar</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>Einlösen</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Server address: type the whole address with http:// or https://, e.g. https://stamps.example.com.</source>
        <translation>Serveradresse: Geben Sie die vollständige Adresse mit http:// oder https:// ein, z. B. https://stamps.example.com.</translation>
    </message>
    <message>
        <source>{label}: type a whole number from {minimum} to {maximum}, e.g. {example}.</source>
        <translation>{label}: Geben Sie eine ganze Zahl von {minimum} bis {maximum} ein, z. B. {example}.</translation>
    </message>
    <message>
        <source>{label}: type a number of seconds from {minimum} to {maximum}, e.g. {example}.</source>
        <translation>{label}: Geben Sie eine Anzahl Sekunden von {minimum} bis {maximum} ein, z. B. {example}.</translation>
    </message>
    <message>
        <source>{label}: choose one of the values offered.</source>
        <translation>{label}: Wählen Sie einen der angebotenen Werte.</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>e.g. https://stamps.example.com</source>
        <translation>z. B. https://stamps.example.com</translation>
    </message>
    <message>
        <source>server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>The merchant&apos;s API key.</source>
        <translation>Der API-Schlüssel des Händlers.</translation>
    </message>
    <message>
        <source>Terminal token</source>
        <translation>Terminal-Token</translation>
    </message>
    <message>
        <source>This terminal&apos;s bearer token.</source>
        <translation>Das Bearer-Token dieses Terminals.</translation>
    </message>
    <message>
        <source>terminal token</source>
        <translation>Terminal-Token</translation>
    </message>
    <message>
        <source>App id</source>
        <translation>App-ID</translation>
    </message>
    <message>
        <source>The merchant&apos;s app id, for registering members.</source>
        <translation>Die App-ID des Händlers, zum Registrieren von Mitgliedern.</translation>
    </message>
    <message>
        <source>app id</source>
        <translation>App-ID</translation>
    </message>
    <message>
        <source>App secret</source>
        <translation>App-Secret</translation>
    </message>
    <message>
        <source>The app&apos;s secret that signs member registrations.</source>
        <translation>Das Secret der App, mit dem Mitgliedsregistrierungen signiert werden.</translation>
    </message>
    <message>
        <source>app secret</source>
        <translation>App-Secret</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>NFC reader</source>
        <translation>NFC-Lesegerät</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>Barcodescanner</translation>
    </message>
    <message>
        <source>barcode scanner</source>
        <translation>Barcodescanner</translation>
    </message>
    <message>
        <source>Same card again within (seconds)</source>
        <translation>Gleiche Karte erneut innerhalb von (Sekunden)</translation>
    </message>
    <message>
        <source>The same card again within this time gives no new event.</source>
        <translation>Wird dieselbe Karte innerhalb dieser Zeit erneut gescannt, entsteht kein neuer Vorgang.</translation>
    </message>
    <message>
        <source>Most stamps per purchase</source>
        <translation>Max. Stempel pro Einkauf</translation>
    </message>
    <message>
        <source>Most stamps the cashier may give in one purchase.</source>
        <translation>Höchstzahl an Stempeln, die an der Kasse für einen Einkauf vergeben werden dürfen.</translation>
    </message>
    <message>
        <source>Least time between visits (seconds)</source>
        <translation>Mindestabstand zwischen Besuchen (Sekunden)</translation>
    </message>
    <message>
        <source>Least time between two visits of one card (0: off).</source>
        <translation>Mindestzeit zwischen zwei Besuchen mit derselben Karte (0: aus).</translation>
    </message>
    <message>
        <source>0 (off) or 600</source>
        <translation>0 (aus) oder 600</translation>
    </message>
    <message>
        <source>Most stamps per card and day</source>
        <translation>Max. Stempel pro Karte und Tag</translation>
    </message>
    <message>
        <source>Most stamps per card per day (0: off).</source>
        <translation>Höchstzahl an Stempeln pro Karte und Tag (0: aus).</translation>
    </message>
    <message>
        <source>0 (off) or 5</source>
        <translation>0 (aus) oder 5</translation>
    </message>
    <message>
        <source>When a visit breaks a limit</source>
        <translation>Wenn ein Besuch ein Limit überschreitet</translation>
    </message>
    <message>
        <source>Review keeps the stamps, held until a manager releases them on the Events screen.</source>
        <translation>„Zur Prüfung zurückhalten“ behält die Stempel zurück, bis die Filialleitung sie auf der Seite „Vorgänge“ freigibt.</translation>
    </message>
    <message>
        <source>Refuse it</source>
        <translation>Abweisen</translation>
    </message>
    <message>
        <source>Hold for review</source>
        <translation>Zur Prüfung zurückhalten</translation>
    </message>
    <message>
        <source>Rewards while offline</source>
        <translation>Prämien im Offline-Betrieb</translation>
    </message>
    <message>
        <source>Allow one redemption per card while offline, until the next sync.</source>
        <translation>Offline eine Einlösung pro Karte erlauben, bis zur nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>Signed card codes only</source>
        <translation>Nur signierte Kartencodes</translation>
    </message>
    <message>
        <source>Refuse card codes without a valid signature.</source>
        <translation>Kartencodes ohne gültige Signatur abweisen.</translation>
    </message>
    <message>
        <source>These policies do not fit together: {reason}</source>
        <translation>Diese Regeln passen nicht zusammen: {reason}</translation>
    </message>
    <message>
        <source>Set by {variable} on this computer, which overrides the settings file — change it there.</source>
        <translation>Festgelegt durch {variable} auf diesem Computer, das hat Vorrang vor der Einstellungsdatei — ändern Sie den Wert dort.</translation>
    </message>
    <message>
        <source>Not saved: the settings file has a problem ({error}). Correct the file, or ask whoever set up the terminal. Nothing was changed.</source>
        <translation>Nicht gespeichert: Die Einstellungsdatei hat ein Problem ({error}). Korrigieren Sie die Datei oder fragen Sie die Person, die das Terminal eingerichtet hat. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Not saved: the settings file {path} cannot be written ({reason}). Check that the disk is not full and that the kiosk may write there. Nothing was changed.</source>
        <translation>Nicht gespeichert: Die Einstellungsdatei {path} kann nicht geschrieben werden ({reason}). Prüfen Sie, ob der Datenträger voll ist und ob die Kiosk-App dort schreiben darf. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Not saved: something went wrong. Try again; if it keeps happening, restart the kiosk.</source>
        <translation>Nicht gespeichert: Ein Fehler ist aufgetreten. Versuchen Sie es erneut; tritt der Fehler weiter auf, starten Sie die Kiosk-App neu.</translation>
    </message>
    <message>
        <source>Nothing to save — no setting was changed.</source>
        <translation>Nichts zu speichern — es wurde keine Einstellung geändert.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>The policies apply from the next scan.</source>
        <translation>Die Regeln gelten ab dem nächsten Scan.</translation>
    </message>
    <message>
        <source>The language is now {language}.</source>
        <translation>Die Sprache ist jetzt {language}.</translation>
    </message>
    <message>
        <source>{language} is not installed on this terminal yet, so the screens stay in English.</source>
        <translation>{language} ist auf diesem Terminal noch nicht installiert, daher bleibt die Anzeige auf Englisch.</translation>
    </message>
    <message>
        <source>Restart the kiosk to use the new {settings} (leave it with Ctrl+Shift+Q and the manager PIN, then start it again).</source>
        <translation>Starten Sie die Kiosk-App neu, um die neuen Werte für {settings} zu verwenden (mit Strg+Umschalt+Q und der Manager-PIN beenden, dann neu starten).</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} und {last}</translation>
    </message>
</context>
<context>
    <name>SettingsDevices</name>
    <message>
        <source>Working</source>
        <translation>Funktioniert</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>Funktioniert nicht</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <source>Not used.</source>
        <translation>Nicht verwendet.</translation>
    </message>
    <message>
        <source>No state yet: this kiosk has not opened this device.</source>
        <translation>Noch kein Status: Die Kiosk-App hat dieses Gerät noch nicht geöffnet.</translation>
    </message>
    <message>
        <source>{state} — {message}</source>
        <translation>{state} — {message}</translation>
    </message>
    <message>
        <source>{state}.</source>
        <translation>{state}.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Open the settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Saved — used when the kiosk is started again.</source>
        <translation>Gespeichert — gilt ab dem nächsten Start der Kiosk-App.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Changes here are used when the kiosk is started again.</source>
        <translation>Änderungen hier gelten ab dem nächsten Start der Kiosk-App.</translation>
    </message>
    <message>
        <source>Changes here apply from the next scan.</source>
        <translation>Änderungen hier gelten ab dem nächsten Scan.</translation>
    </message>
    <message>
        <source>Now: {state}</source>
        <translation>Aktuell: {state}</translation>
    </message>
    <message>
        <source>Not saved. {problem}</source>
        <translation>Nicht gespeichert. {problem}</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <source>Some changes are not saved. Press Save to keep them, or Back again to leave without them.</source>
        <translation>Einige Änderungen sind nicht gespeichert. Tippen Sie auf „Speichern“, um sie zu behalten, oder erneut auf „Zurück“, um die Seite ohne sie zu verlassen.</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>{count} scan(s) waiting to be sent.</source>
        <translation>Noch nicht gesendete Scans: {count}.</translation>
    </message>
    <message>
        <source>Needs attention: credentials</source>
        <translation>Achtung: Zugangsdaten</translation>
    </message>
    <message>
        <source>The server refuses this terminal&apos;s credentials: nothing is sent until a manager corrects them in Settings.</source>
        <translation>Der Server weist die Zugangsdaten dieses Terminals ab: Es wird nichts gesendet, bis die Filialleitung sie in den Einstellungen korrigiert.</translation>
    </message>
    <message>
        <source>Needs attention: {count} to review</source>
        <translation>Achtung: {count} zu prüfen</translation>
    </message>
    <message>
        <source>{count} event(s) were refused or held for review: see Events.</source>
        <translation>Abgewiesen oder zur Prüfung zurückgehalten: {count} — siehe „Vorgänge“.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Online · sending {count}</source>
        <translation>Online · {count} im Versand</translation>
    </message>
    <message>
        <source>Connected to the server.</source>
        <translation>Mit dem Server verbunden.</translation>
    </message>
    <message>
        <source>No server · {count} pending</source>
        <translation>Kein Server · {count} ausstehend</translation>
    </message>
    <message>
        <source>No server is set up: scans are kept on this terminal.</source>
        <translation>Kein Server eingerichtet: Scans werden auf diesem Terminal gespeichert.</translation>
    </message>
    <message>
        <source>Offline · {count} pending</source>
        <translation>Offline · {count} ausstehend</translation>
    </message>
    <message>
        <source>The server cannot be reached: scans are kept and sent when it is back.</source>
        <translation>Der Server ist nicht erreichbar: Scans werden gespeichert und gesendet, sobald er wieder erreichbar ist.</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Umschalt</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Rücktaste</translation>
    </message>
</context>
<context>
    <name>VisitsPanel</name>
    <message>
        <source>Last visits</source>
        <translation>Letzte Besuche</translation>
    </message>
    <message>
        <source>No visits here yet</source>
        <translation>Noch keine Besuche</translation>
    </message>
</context>
</TS>
