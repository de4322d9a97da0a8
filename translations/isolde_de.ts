<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CapabilityCatalog</name>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="13"/>
        <source>Change the owner and group of any file.</source>
        <translation>Besitzer und Gruppe beliebiger Dateien ändern.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="15"/>
        <source>Read, write and execute any file regardless of its permission bits.</source>
        <translation>Beliebige Dateien unabhängig von ihren Zugriffsrechten lesen, schreiben und ausführen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="19"/>
        <source>Read any file and list any directory regardless of permissions; open files by handle.</source>
        <translation>Beliebige Dateien lesen und beliebige Ordner auflisten, unabhängig von den Zugriffsrechten; Dateien über ein Handle öffnen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="24"/>
        <source>Act as the owner of any file: chmod, utimes, set ACLs and flags on files it does not own.</source>
        <translation>Wie der Besitzer beliebiger Dateien handeln: chmod, utimes, ACLs und Flags für fremde Dateien setzen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="28"/>
        <source>Keep set-user-ID and set-group-ID bits when modifying a file; set set-group-ID on any file.</source>
        <translation>Set-User-ID- und Set-Group-ID-Bits beim Ändern einer Datei behalten; Set-Group-ID für beliebige Dateien setzen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="32"/>
        <source>Send signals to processes of other users.</source>
        <translation>Signale an Prozesse anderer Benutzer senden.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="34"/>
        <source>Change group IDs and supplementary groups; write gid maps.</source>
        <translation>Gruppen-IDs und Zusatzgruppen ändern; GID-Maps schreiben.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="37"/>
        <source>Change user IDs; write uid maps.</source>
        <translation>Benutzer-IDs ändern; UID-Maps schreiben.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="40"/>
        <source>Drop capabilities from the bounding set and add bounding-set capabilities to the inheritable set.</source>
        <translation>Capabilities aus dem Bounding-Set entfernen und Capabilities des Bounding-Sets zum vererbbaren Set hinzufügen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="46"/>
        <source>Set and clear the immutable and append-only file flags.</source>
        <translation>Die Dateiflags „immutable“ und „append-only“ setzen und löschen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="50"/>
        <source>Bind sockets to ports below 1024.</source>
        <translation>Sockets an Ports unter 1024 binden.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="52"/>
        <source>Send broadcasts and listen to multicast (unused by the kernel).</source>
        <translation>Broadcasts senden und Multicast empfangen (vom Kernel nicht verwendet).</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="56"/>
        <source>Configure the network: interfaces, addresses, routes, firewall rules, promiscuous mode.</source>
        <translation>Das Netzwerk einrichten: Schnittstellen, Adressen, Routen, Firewall-Regeln, Promiscuous-Modus.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="61"/>
        <source>Open raw and packet sockets (ping, packet capture).</source>
        <translation>Raw- und Paket-Sockets öffnen (ping, Paketmitschnitt).</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="64"/>
        <source>Lock memory into RAM (mlock) beyond the limit; use huge pages.</source>
        <translation>Speicher über das Limit hinaus im RAM sperren (mlock); Huge Pages verwenden.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="68"/>
        <source>Bypass permission checks on System V IPC objects.</source>
        <translation>Rechteprüfungen für System-V-IPC-Objekte umgehen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="71"/>
        <source>Load and unload kernel modules.</source>
        <translation>Kernelmodule laden und entladen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="73"/>
        <source>Access I/O ports and raw devices (iopl, ioperm, /dev/mem).</source>
        <translation>Auf E/A-Ports und Rohgeräte zugreifen (iopl, ioperm, /dev/mem).</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="77"/>
        <source>Call chroot and change mount namespaces with setns.</source>
        <translation>chroot aufrufen und Mount-Namespaces mit setns wechseln.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="80"/>
        <source>Trace and inspect any process (ptrace, process_vm_readv, kcmp).</source>
        <translation>Beliebige Prozesse verfolgen und untersuchen (ptrace, process_vm_readv, kcmp).</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="84"/>
        <source>Turn process accounting on and off (acct).</source>
        <translation>Prozessabrechnung ein- und ausschalten (acct).</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="86"/>
        <source>A large set of administration rights: mount, namespaces, quotas, many device ioctls.</source>
        <translation>Eine große Menge an Verwaltungsrechten: mount, Namespaces, Kontingente, viele Geräte-ioctls.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="91"/>
        <source>Reboot the machine and load a new kernel (reboot, kexec_load).</source>
        <translation>Den Rechner neu starten und einen neuen Kernel laden (reboot, kexec_load).</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="95"/>
        <source>Raise priorities, set real-time scheduling and CPU affinity of any process.</source>
        <translation>Prioritäten erhöhen, Echtzeit-Scheduling und CPU-Affinität beliebiger Prozesse festlegen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="100"/>
        <source>Exceed resource limits and quotas; raise hard limits; use reserved disk space.</source>
        <translation>Ressourcenlimits und Kontingente überschreiten; harte Limits anheben; reservierten Speicherplatz verwenden.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="105"/>
        <source>Set the system clock and the hardware clock.</source>
        <translation>Die Systemuhr und die Hardware-Uhr stellen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="107"/>
        <source>Configure terminals (vhangup and privileged tty ioctls).</source>
        <translation>Terminals einrichten (vhangup und privilegierte tty-ioctls).</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="110"/>
        <source>Create device nodes with mknod.</source>
        <translation>Gerätedateien mit mknod erstellen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="113"/>
        <source>Take file leases on files it does not own.</source>
        <translation>File-Leases auf fremde Dateien nehmen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="115"/>
        <source>Write records to the kernel audit log.</source>
        <translation>Einträge in das Audit-Protokoll des Kernels schreiben.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="117"/>
        <source>Configure kernel auditing: rules, status, login uid.</source>
        <translation>Das Kernel-Auditing einrichten: Regeln, Status, Login-UID.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="120"/>
        <source>Set file capabilities on executables; map uid 0 in a user namespace.</source>
        <translation>Datei-Capabilities für ausführbare Dateien setzen; UID 0 in einem User-Namespace zuordnen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="124"/>
        <source>Bypass mandatory access control (used by Smack).</source>
        <translation>Mandatory Access Control umgehen (von Smack verwendet).</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="127"/>
        <source>Change mandatory access control configuration and labels.</source>
        <translation>Konfiguration und Labels der Mandatory Access Control ändern.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="131"/>
        <source>Read and clear the kernel log (syslog); see kernel addresses.</source>
        <translation>Das Kernel-Protokoll lesen und leeren (syslog); Kernel-Adressen sehen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="135"/>
        <source>Set timers that wake the system from suspend.</source>
        <translation>Timer setzen, die das System aus dem Ruhezustand wecken.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="138"/>
        <source>Keep the system from suspending (epoll wakeups).</source>
        <translation>Das System am Wechsel in den Ruhezustand hindern (epoll-Wakeups).</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="141"/>
        <source>Read the audit log over a multicast netlink socket.</source>
        <translation>Das Audit-Protokoll über einen Multicast-Netlink-Socket lesen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="144"/>
        <source>Use performance monitoring: perf_event_open and perf BPF programs.</source>
        <translation>Leistungsüberwachung nutzen: perf_event_open und perf-BPF-Programme.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="148"/>
        <source>Load BPF programs and create BPF maps.</source>
        <translation>BPF-Programme laden und BPF-Maps erstellen.</translation>
    </message>
    <message>
        <location filename="../core/spec/CapabilityCatalog.cpp" line="150"/>
        <source>Checkpoint and restore processes: choose PIDs, read other processes&apos; memory maps.</source>
        <translation>Prozesse sichern und wiederherstellen (Checkpoint/Restore): PIDs wählen, Speicherabbildungen anderer Prozesse lesen.</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../qml/components/ConnectionBanner.qml" line="68"/>
        <source>The system bus is not reachable</source>
        <translation>Der Systembus ist nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../qml/components/ConnectionBanner.qml" line="69"/>
        <source>The Isolde helper is not running</source>
        <translation>Der Isolde-Helfer läuft nicht</translation>
    </message>
    <message>
        <location filename="../qml/components/ConnectionBanner.qml" line="75"/>
        <source>Isolde talks to its helper over the D-Bus system bus. Start the bus (&quot;service dbus start&quot;, or scripts/run which starts a private one). Isolde reconnects by itself.</source>
        <translation>Isolde spricht über den D-Bus-Systembus mit seinem Helfer. Starten Sie den Bus („service dbus start“ oder scripts/run, das einen privaten Bus startet). Isolde verbindet sich selbstständig neu.</translation>
    </message>
    <message>
        <location filename="../qml/components/ConnectionBanner.qml" line="78"/>
        <source>The helper (org.isolde.Helper1) starts on demand through D-Bus activation. If it does not appear, check that it is installed (its .service file in /usr/share/dbus-1/system-services) and that polkit is running. Isolde reconnects by itself.</source>
        <translation>Der Helfer (org.isolde.Helper1) startet bei Bedarf über D-Bus-Aktivierung. Falls er nicht erscheint, prüfen Sie, ob er installiert ist (seine .service-Datei in /usr/share/dbus-1/system-services) und ob polkit läuft. Isolde verbindet sich selbstständig neu.</translation>
    </message>
</context>
<context>
    <name>ContainerRow</name>
    <message>
        <location filename="../qml/containers/ContainerRow.qml" line="14"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainerRow.qml" line="15"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainerRow.qml" line="16"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainerRow.qml" line="17"/>
        <source>Up</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainerRow.qml" line="18"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainerRow.qml" line="19"/>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainerRow.qml" line="29"/>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainerRow.qml" line="64"/>
        <source>Select %1</source>
        <translation>%1 auswählen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainerRow.qml" line="116"/>
        <source>Last minute</source>
        <translation>Letzte Minute</translation>
    </message>
</context>
<context>
    <name>ContainersPage</name>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="93"/>
        <source>created</source>
        <translation>erstellt</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="94"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="95"/>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="96"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="101"/>
        <location filename="../qml/containers/ContainersPage.qml" line="257"/>
        <source>Containers</source>
        <translation>Container</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="140"/>
        <source>Remove containers</source>
        <translation>Container entfernen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="146"/>
        <source>Remove %1? Running containers are killed first; their files and logs are deleted.</source>
        <translation>%1 entfernen? Laufende Container werden zuerst abgewürgt; ihre Dateien und Protokolle werden gelöscht.</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="168"/>
        <source>Filter by name, image or id</source>
        <translation>Nach Name, Image oder ID filtern</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="170"/>
        <source>Filter containers</source>
        <translation>Container filtern</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="178"/>
        <source>Show containers in state</source>
        <translation>Container mit folgendem Status anzeigen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="180"/>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="181"/>
        <source>Running</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="182"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="183"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="184"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/containers/ContainersPage.qml" line="191"/>
        <source>%n selected</source>
        <translation>
            <numerusform>%n ausgewählt</numerusform>
            <numerusform>%n ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="194"/>
        <source>Start/Stop</source>
        <translation>Starten/Stoppen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="196"/>
        <source>Start or stop the selected containers</source>
        <translation>Die ausgewählten Container starten oder stoppen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="198"/>
        <source>Start stopped containers, stop running ones (Ctrl+S)</source>
        <translation>Gestoppte Container starten, laufende stoppen (Strg+S)</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="202"/>
        <source>Pause/Resume</source>
        <translation>Pausieren/Fortsetzen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="204"/>
        <source>Pause or resume the selected containers</source>
        <translation>Die ausgewählten Container pausieren oder fortsetzen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="208"/>
        <source>Kill</source>
        <translation>Abwürgen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="210"/>
        <source>Kill the selected containers</source>
        <translation>Die ausgewählten Container abwürgen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="212"/>
        <source>Send SIGKILL</source>
        <translation>SIGKILL senden</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="216"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="218"/>
        <source>Remove the selected containers</source>
        <translation>Die ausgewählten Container entfernen</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="220"/>
        <source>Remove (Delete)</source>
        <translation>Entfernen (Entf)</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="224"/>
        <source>New…</source>
        <translation>Neu …</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="225"/>
        <source>New container</source>
        <translation>Neuer Container</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="227"/>
        <source>Create a container (Ctrl+N)</source>
        <translation>Einen Container erstellen (Strg+N)</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="313"/>
        <source>No containers yet. Create one with New… (Ctrl+N): the default image is ready to run.</source>
        <translation>Noch keine Container. Erstellen Sie einen mit „Neu …“ (Strg+N): Das Standard-Image ist sofort startbereit.</translation>
    </message>
    <message>
        <location filename="../qml/containers/ContainersPage.qml" line="314"/>
        <source>No container matches the filter.</source>
        <translation>Kein Container entspricht dem Filter.</translation>
    </message>
</context>
<context>
    <name>DetailPage</name>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="66"/>
        <source>Remove container</source>
        <translation>Container entfernen</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="72"/>
        <source>Remove %1? A running container is killed first; its files and logs are deleted.</source>
        <translation>%1 entfernen? Ein laufender Container wird zuerst abgewürgt; seine Dateien und Protokolle werden gelöscht.</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="104"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="104"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="108"/>
        <source>Ctrl+S</source>
        <translation>Strg+S</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="112"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="112"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="116"/>
        <source>Ctrl+P</source>
        <translation>Strg+P</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="120"/>
        <source>Kill</source>
        <translation>Abwürgen</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="122"/>
        <source>Kill the container</source>
        <translation>Den Container abwürgen</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="126"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="128"/>
        <source>Remove the container</source>
        <translation>Den Container entfernen</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="130"/>
        <source>Delete</source>
        <translation>Entf</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="146"/>
        <source>Monitor</source>
        <translation>Überwachung</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="150"/>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="154"/>
        <source>Inspect</source>
        <translation>Inspizieren</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="158"/>
        <source>Isolation</source>
        <translation>Isolation</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="162"/>
        <source>Numbers</source>
        <translation>Zahlen</translation>
    </message>
    <message>
        <location filename="../qml/detail/DetailPage.qml" line="164"/>
        <source>Why tools show different CPU and memory numbers</source>
        <translation>Warum Werkzeuge unterschiedliche CPU- und Speicherwerte zeigen</translation>
    </message>
</context>
<context>
    <name>EditorPage</name>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="23"/>
        <source>Create a container</source>
        <translation>Einen Container erstellen</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="33"/>
        <source>Created container %1</source>
        <translation>Container %1 wurde erstellt</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="59"/>
        <source>Name (made up when empty)</source>
        <translation>Name (wird erfunden, wenn leer)</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="60"/>
        <source>Container name</source>
        <translation>Containername</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/editor/EditorPage.qml" line="78"/>
        <source>%n problem(s) to fix</source>
        <translation>
            <numerusform>%n Problem zu beheben</numerusform>
            <numerusform>%n Probleme zu beheben</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="90"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="91"/>
        <source>Reset to the defaults</source>
        <translation>Auf die Standardwerte zurücksetzen</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="95"/>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="97"/>
        <source>Create the container</source>
        <translation>Den Container erstellen</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="101"/>
        <source>Create and start</source>
        <translation>Erstellen und starten</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="104"/>
        <source>Create and start the container</source>
        <translation>Den Container erstellen und starten</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="123"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="124"/>
        <source>Resources</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="125"/>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="126"/>
        <source>Namespaces</source>
        <translation>Namespaces</translation>
    </message>
    <message>
        <location filename="../qml/editor/EditorPage.qml" line="127"/>
        <source>Mounts</source>
        <translation>Einhängepunkte</translation>
    </message>
</context>
<context>
    <name>ExperimentText</name>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="55"/>
        <source>The namespace inode could not be read.</source>
        <translation>Die Inode des Namespace konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="58"/>
        <source>The process is in the host&apos;s %1 namespace (inode %2): it sees what the host sees.</source>
        <translation>Der Prozess befindet sich im %1-Namespace des Hosts (Inode %2): Er sieht, was der Host sieht.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="63"/>
        <source>The process is in %1 namespace %2, the host in %3: it sees only the container&apos;s own view.</source>
        <translation>Der Prozess befindet sich im %1-Namespace %2, der Host in %3: Er sieht nur die eigene Sicht des Containers.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="80"/>
        <source>The seccomp filter answers %1() with %2: no rule of the profile allows it for this container.</source>
        <translation>Der Seccomp-Filter beantwortet %1() mit %2: Keine Regel des Profils erlaubt den Aufruf für diesen Container.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="87"/>
        <source>The filter lets %1() through, but the process lacks %2, which the kernel checks next.</source>
        <translation>Der Filter lässt %1() durch, aber dem Prozess fehlt %2, was der Kernel als Nächstes prüft.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="93"/>
        <source>The seccomp filter allows %1().</source>
        <translation>Der Seccomp-Filter erlaubt %1().</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="96"/>
        <source>The seccomp filter allows %1() and the process holds %2.</source>
        <translation>Der Seccomp-Filter erlaubt %1() und der Prozess besitzt %2.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="106"/>
        <source>The probe did not report %1().</source>
        <translation>Die Messung hat %1() nicht gemeldet.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="110"/>
        <source>%1() failed with EPERM.</source>
        <translation>%1() ist mit EPERM fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="113"/>
        <source>%1() got past the filter and reached the kernel, which has no such call (ENOSYS): it was built without it.</source>
        <translation>%1() ist am Filter vorbeigekommen und hat den Kernel erreicht, der diesen Aufruf nicht kennt (ENOSYS): Er wurde ohne ihn gebaut.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="119"/>
        <source>%1() was answered with %2: the filter killed the caller.</source>
        <translation>%1() wurde mit %2 beantwortet: Der Filter hat den Aufrufer abgewürgt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="122"/>
        <source>%1() got past the filter and the capability check (%2 from its harmless arguments).</source>
        <translation>%1() ist am Filter und an der Capability-Prüfung vorbeigekommen (%2 aufgrund seiner harmlosen Argumente).</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="131"/>
        <source>The command succeeded.</source>
        <translation>Der Befehl war erfolgreich.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="133"/>
        <source>The command failed (exit code %1): %2</source>
        <translation>Der Befehl ist fehlgeschlagen (Exit-Code %1): %2</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="170"/>
        <source>Who am I?</source>
        <translation>Wer bin ich?</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="171"/>
        <source>Lists the processes, the hostname and the user as the container sees them.</source>
        <translation>Listet die Prozesse, den Rechnernamen und den Benutzer so auf, wie der Container sie sieht.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="180"/>
        <source>The spec asks for a new PID namespace: ps shows only the container&apos;s processes, its first process is PID 1.</source>
        <translation>Die Spezifikation verlangt einen neuen PID-Namespace: ps zeigt nur die Prozesse des Containers, sein erster Prozess hat die PID 1.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="183"/>
        <source>No PID namespace: ps shows every process of the host.</source>
        <translation>Kein PID-Namespace: ps zeigt jeden Prozess des Hosts.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="192"/>
        <source>The shell is PID %1 inside; the host sees the same process as PID %2.</source>
        <translation>Die Shell hat innen die PID %1; der Host sieht denselben Prozess als PID %2.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="203"/>
        <source>Reboot the machine</source>
        <translation>Den Rechner neu starten</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="204"/>
        <source>Calls reboot(), the system call behind `reboot -f`.</source>
        <translation>Ruft reboot() auf, den Systemaufruf hinter `reboot -f`.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="212"/>
        <source>Mount a filesystem</source>
        <translation>Ein Dateisystem einhängen</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="213"/>
        <source>Mounts a tmpfs on /tmp.</source>
        <translation>Hängt ein tmpfs unter /tmp ein.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="222"/>
        <source>Load a kernel module</source>
        <translation>Ein Kernelmodul laden</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="223"/>
        <source>Calls init_module(), the system call behind insmod.</source>
        <translation>Ruft init_module() auf, den Systemaufruf hinter insmod.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="232"/>
        <source>Trace another process</source>
        <translation>Einen anderen Prozess verfolgen</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="233"/>
        <source>Calls ptrace() on PID 1, as a debugger would.</source>
        <translation>Ruft ptrace() für PID 1 auf, wie es ein Debugger tun würde.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="241"/>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="242"/>
        <source>Opens a raw ICMP socket to ping 127.0.0.1.</source>
        <translation>Öffnet einen Raw-ICMP-Socket, um 127.0.0.1 anzupingen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="251"/>
        <source>The raw socket was refused: %1</source>
        <translation>Der Raw-Socket wurde verweigert: %1</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="254"/>
        <source>The raw socket opened.</source>
        <translation>Der Raw-Socket wurde geöffnet.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="258"/>
        <source>Change the hostname</source>
        <translation>Den Rechnernamen ändern</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="259"/>
        <source>Sets the hostname to &quot;lab&quot; with `hostname lab`.</source>
        <translation>Setzt den Rechnernamen mit `hostname lab` auf „lab“.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="273"/>
        <source>Hostname with and without a UTS namespace</source>
        <translation>Hostname mit und ohne UTS-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="275"/>
        <source>Reads the hostname and renames the container with `hostname %1`, which is tried only where it cannot rename the host.</source>
        <translation>Liest den Hostnamen und benennt den Container mit `hostname %1` um; das wird nur versucht, wo es den Host nicht umbenennen kann.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="293"/>
        <source>The spec asks for a UTS namespace: the container has a hostname of its own, and renaming it (with CAP_SYS_ADMIN) leaves the host&apos;s.</source>
        <translation>Die Spezifikation verlangt einen UTS-Namespace: Der Container hat einen eigenen Hostnamen, und ihn (mit CAP_SYS_ADMIN) umzubenennen lässt den des Hosts unberührt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="297"/>
        <source>No UTS namespace: the container reads the host&apos;s hostname; renaming would rename the host, so only a process without CAP_SYS_ADMIN tries it, and is refused.</source>
        <translation>Kein UTS-Namespace: Der Container liest den Hostnamen des Hosts; Umbenennen würde den Host umbenennen, daher versucht es nur ein Prozess ohne CAP_SYS_ADMIN, und er wird abgewiesen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="313"/>
        <source>`hostname %1` was refused: the process lacks CAP_SYS_ADMIN, so no name changed.</source>
        <translation>`hostname %1` wurde abgewiesen: Dem Prozess fehlt CAP_SYS_ADMIN, also hat sich kein Name geändert.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="317"/>
        <source>Inside it is now called %1; the host is still called %2.</source>
        <translation>Innen heißt er jetzt %1; der Host heißt weiterhin %2.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="319"/>
        <source>Renaming was not tried: with CAP_SYS_ADMIN and no UTS namespace it would rename the host.</source>
        <translation>Umbenennen wurde nicht versucht: Mit CAP_SYS_ADMIN und ohne UTS-Namespace würde es den Host umbenennen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="324"/>
        <source>It reads the host&apos;s hostname %1.</source>
        <translation>Er liest den Hostnamen des Hosts, %1.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="329"/>
        <source>The host is now called %1 too.</source>
        <translation>Der Host heißt jetzt ebenfalls %1.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="357"/>
        <source>Bind port 80 in two containers</source>
        <translation>Port 80 in zwei Containern binden</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="358"/>
        <source>Listens on port 80 in this container and, at the same time, in a second one made from the same spec.</source>
        <translation>Lauscht auf Port 80 in diesem Container und gleichzeitig in einem zweiten, der aus derselben Spezifikation erstellt wurde.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="369"/>
        <source>Each container has its own network stack: both can listen on their own port 80.</source>
        <translation>Jeder Container hat seinen eigenen Netzwerkstapel: Beide können auf ihrem eigenen Port 80 lauschen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="373"/>
        <source>No network namespace: both use the host&apos;s port 80, and only one can have it.</source>
        <translation>Kein Netzwerk-Namespace: Beide verwenden Port 80 des Hosts, und nur einer kann ihn bekommen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="387"/>
        <source>Both containers listened on port 80 at the same time: each has a network stack of its own.</source>
        <translation>Beide Container haben gleichzeitig auf Port 80 gelauscht: Jeder hat einen eigenen Netzwerkstapel.</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/teaching/Experiments.cpp" line="392"/>
        <source>Only %n of the two containers could listen on port 80: they share one network stack.</source>
        <translation>
            <numerusform>Nur %n der beiden Container konnte auf Port 80 lauschen: Sie teilen sich einen Netzwerkstapel.</numerusform>
            <numerusform>Nur %n der beiden Container konnten auf Port 80 lauschen: Sie teilen sich einen Netzwerkstapel.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="406"/>
        <source>Fork bomb</source>
        <translation>Fork-Bombe</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="407"/>
        <source>Starts 200 processes as fast as it can.</source>
        <translation>Startet so schnell wie möglich 200 Prozesse.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="417"/>
        <source>pids.max is %1: fork() fails with EAGAIN once the container has %1 tasks.</source>
        <translation>pids.max ist %1: fork() schlägt mit EAGAIN fehl, sobald der Container %1 Tasks hat.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="422"/>
        <source>No pids limit below 200: nothing stops the processes (a real fork bomb would exhaust the host).</source>
        <translation>Kein pids-Limit unter 200: Nichts hält die Prozesse auf (eine echte Fork-Bombe würde den Host erschöpfen).</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="429"/>
        <source>All 200 processes started.</source>
        <translation>Alle 200 Prozesse wurden gestartet.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="432"/>
        <source>fork() failed: the cgroup&apos;s pids.max was reached.</source>
        <translation>fork() ist fehlgeschlagen: pids.max der cgroup wurde erreicht.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="434"/>
        <source>The shell ended with exit code %1.</source>
        <translation>Die Shell wurde mit Exit-Code %1 beendet.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="449"/>
        <source>Memory hog</source>
        <translation>Speicherfresser</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="450"/>
        <source>Allocates a 256 MiB buffer (dd with bs=256M).</source>
        <translation>Belegt einen Puffer von 256 MiB (dd mit bs=256M).</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="461"/>
        <source>The memory limit is %1 MiB: the kernel&apos;s OOM killer ends the process that pushes the cgroup over it.</source>
        <translation>Das Speicherlimit beträgt %1 MiB: Der OOM-Killer des Kernels beendet den Prozess, der die cgroup darüber hinaustreibt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="466"/>
        <source>No memory limit below 256 MiB: the allocation succeeds.</source>
        <translation>Kein Speicherlimit unter 256 MiB: Die Speicherbelegung gelingt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="473"/>
        <source>The process was killed (exit code %1); the cgroup counted %2 OOM kill(s).</source>
        <translation>Der Prozess wurde abgewürgt (Exit-Code %1); die cgroup hat %2 OOM-Kill(s) gezählt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="480"/>
        <source>The 256 MiB were allocated.</source>
        <translation>Die 256 MiB wurden belegt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="499"/>
        <source>CPU hog</source>
        <translation>CPU-Fresser</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="500"/>
        <source>Spins one CPU for a second.</source>
        <translation>Lastet eine CPU eine Sekunde lang mit einer Schleife voll aus.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="513"/>
        <source>The CPU quota is %1 CPU per period: the scheduler stops the loop for the rest of each period once the quota is used.</source>
        <translation>Das CPU-Kontingent beträgt %1 CPU pro Periode: Der Scheduler hält die Schleife für den Rest jeder Periode an, sobald das Kontingent aufgebraucht ist.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="519"/>
        <source>No CPU quota below one CPU: the loop runs at full speed.</source>
        <translation>Kein CPU-Kontingent unter einer CPU: Die Schleife läuft mit voller Geschwindigkeit.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="526"/>
        <source>The scheduler throttled the container in %1 periods.</source>
        <translation>Der Scheduler hat den Container in %1 Perioden gedrosselt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="529"/>
        <source>The loop was never throttled.</source>
        <translation>Die Schleife wurde nie gedrosselt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="546"/>
        <source>Write to the root</source>
        <translation>In das Wurzeldateisystem schreiben</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="547"/>
        <source>Creates (and removes) the file /.isolde-lab.</source>
        <translation>Erstellt (und entfernt) die Datei /.isolde-lab.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="554"/>
        <source>root.readonly is true: the root is mounted read-only, writes fail with EROFS.</source>
        <translation>root.readonly ist true: Das Wurzeldateisystem ist schreibgeschützt eingehängt, Schreibzugriffe schlagen mit EROFS fehl.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="558"/>
        <source>The root is writable: the file lands in the container&apos;s own overlay layer.</source>
        <translation>Das Wurzeldateisystem ist beschreibbar: Die Datei landet in der eigenen Overlay-Schicht des Containers.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="575"/>
        <source>Read a masked path</source>
        <translation>Einen maskierten Pfad lesen</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="577"/>
        <source>Reads /proc/timer_list, which tells about the host&apos;s timers.</source>
        <translation>Liest /proc/timer_list, das Auskunft über die Timer des Hosts gibt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="584"/>
        <source>/proc/timer_list is in linux.maskedPaths: /dev/null is bound over it, so it reads as empty.</source>
        <translation>/proc/timer_list steht in linux.maskedPaths: /dev/null ist darüber gebunden, daher wird es als leer gelesen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="588"/>
        <source>/proc/timer_list is not masked: the host&apos;s timers can be read.</source>
        <translation>/proc/timer_list ist nicht maskiert: Die Timer des Hosts können gelesen werden.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="599"/>
        <source>%1 bytes of the host&apos;s timer list came out.</source>
        <translation>%1 Byte der Timer-Liste des Hosts wurden ausgegeben.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="601"/>
        <source>The file read as empty: it is masked.</source>
        <translation>Die Datei wurde als leer gelesen: Sie ist maskiert.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="615"/>
        <source>Root inside, nobody outside</source>
        <translation>Innen root, außen niemand</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="616"/>
        <source>Creates a file as root in a host directory bind-mounted into a twin container, and shows who owns it on the host.</source>
        <translation>Legt als root eine Datei in einem Host-Verzeichnis an, das per Bind-Mount in einen Zwillingscontainer eingehängt ist, und zeigt, wem sie auf dem Host gehört.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="649"/>
        <source>No file appeared in the host directory: %1</source>
        <translation>Im Host-Verzeichnis ist keine Datei erschienen: %1</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="654"/>
        <source>The uid map says uid 0 inside is uid %1 on the host.</source>
        <translation>Laut UID-Zuordnung ist UID 0 innen UID %1 auf dem Host.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="660"/>
        <source>The file root made inside belongs to root (uid 0) on the host.</source>
        <translation>Die Datei, die root innen angelegt hat, gehört auf dem Host root (UID 0).</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="664"/>
        <source>The file root made inside belongs to uid %1 on the host, an unprivileged user there: the user namespace maps root to it.</source>
        <translation>Die Datei, die root innen angelegt hat, gehört auf dem Host UID %1, einem dortigen unprivilegierten Benutzer: Der User-Namespace bildet root auf ihn ab.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="629"/>
        <source>A user namespace maps root inside to uid %1 on the host, an unprivileged user there.</source>
        <translation>Ein User-Namespace ordnet root innen der UID %1 auf dem Host zu, dort ein unprivilegierter Benutzer.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="635"/>
        <source>A user namespace without a mapping for root.</source>
        <translation>Ein User-Namespace ohne Zuordnung für root.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="638"/>
        <source>No user namespace: root inside is root on the host, held back only by capabilities, seccomp and the other namespaces.</source>
        <translation>Kein User-Namespace: root innen ist root auf dem Host, nur durch Capabilities, Seccomp und die anderen Namespaces eingeschränkt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="710"/>
        <source>allowed</source>
        <translation>erlaubt</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="712"/>
        <source>refused</source>
        <translation>verweigert</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="714"/>
        <source>killed</source>
        <translation>abgewürgt</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="716"/>
        <source>throttled</source>
        <translation>gedrosselt</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="718"/>
        <source>isolated</source>
        <translation>isoliert</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="720"/>
        <source>shared with the host</source>
        <translation>mit dem Host geteilt</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="724"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="760"/>
        <source>seccomp filter</source>
        <translation>Seccomp-Filter</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="762"/>
        <source>capabilities</source>
        <translation>Capabilities</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="764"/>
        <source>PID namespace</source>
        <translation>PID-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="766"/>
        <source>network namespace</source>
        <translation>Netzwerk-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="768"/>
        <source>user namespace</source>
        <translation>User-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="770"/>
        <source>UTS namespace</source>
        <translation>UTS-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="772"/>
        <source>pids cgroup limit</source>
        <translation>pids-cgroup-Limit</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="774"/>
        <source>memory cgroup limit</source>
        <translation>memory-cgroup-Limit</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="776"/>
        <source>CPU cgroup quota</source>
        <translation>CPU-cgroup-Kontingent</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="778"/>
        <source>read-only root</source>
        <translation>schreibgeschütztes Wurzeldateisystem</translation>
    </message>
    <message>
        <location filename="../core/teaching/Experiments.cpp" line="780"/>
        <source>masked paths</source>
        <translation>maskierte Pfade</translation>
    </message>
</context>
<context>
    <name>GeneralSection</name>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="18"/>
        <location filename="../qml/editor/GeneralSection.qml" line="23"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="22"/>
        <source>busybox</source>
        <translation>busybox</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="27"/>
        <location filename="../qml/editor/GeneralSection.qml" line="33"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="32"/>
        <source>sh -c &apos;echo hello&apos;</source>
        <translation>sh -c &apos;echo hello&apos;</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="34"/>
        <source>Words as a shell splits them, quotes included</source>
        <translation>Wörter so, wie eine Shell sie trennt, einschließlich Anführungszeichen</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="39"/>
        <source>Environment (one NAME=value per line)</source>
        <translation>Umgebung (ein NAME=Wert pro Zeile)</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="46"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="58"/>
        <location filename="../qml/editor/GeneralSection.qml" line="64"/>
        <source>Working directory</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="69"/>
        <location filename="../qml/editor/GeneralSection.qml" line="73"/>
        <source>Host name</source>
        <translation>Rechnername</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="78"/>
        <source>Run as user</source>
        <translation>Als Benutzer ausführen</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="80"/>
        <source>UID</source>
        <translation>UID</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="85"/>
        <source>User ID</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="88"/>
        <source>GID</source>
        <translation>GID</translation>
    </message>
    <message>
        <location filename="../qml/editor/GeneralSection.qml" line="93"/>
        <source>Group ID</source>
        <translation>Gruppen-ID</translation>
    </message>
</context>
<context>
    <name>ImagesPage</name>
    <message>
        <location filename="../qml/images/ImagesPage.qml" line="14"/>
        <location filename="../qml/images/ImagesPage.qml" line="64"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/images/ImagesPage.qml" line="37"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Image</numerusform>
            <numerusform>%n Images</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/images/ImagesPage.qml" line="40"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../qml/images/ImagesPage.qml" line="41"/>
        <source>Reload the images</source>
        <translation>Die Images neu laden</translation>
    </message>
    <message>
        <location filename="../qml/images/ImagesPage.qml" line="45"/>
        <source>Make default image</source>
        <translation>Standard-Image erzeugen</translation>
    </message>
    <message>
        <location filename="../qml/images/ImagesPage.qml" line="46"/>
        <source>Make the default image again</source>
        <translation>Das Standard-Image erneut erzeugen</translation>
    </message>
    <message>
        <location filename="../qml/images/ImagesPage.qml" line="48"/>
        <source>Unpack the embedded busybox image again</source>
        <translation>Das eingebettete busybox-Image erneut entpacken</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/images/ImagesPage.qml" line="80"/>
        <source>%1, %2, %n layer(s)</source>
        <translation>
            <numerusform>%1, %2, %n Schicht</numerusform>
            <numerusform>%1, %2, %n Schichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/images/ImagesPage.qml" line="100"/>
        <source>%n layer(s)</source>
        <translation>
            <numerusform>%n Schicht</numerusform>
            <numerusform>%n Schichten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/images/ImagesPage.qml" line="116"/>
        <source>default image</source>
        <translation>Standard-Image</translation>
    </message>
    <message>
        <location filename="../qml/images/ImagesPage.qml" line="125"/>
        <source>The helper has no images. Make default image unpacks the embedded one.</source>
        <translation>Der Helfer hat keine Images. „Standard-Image erzeugen“ entpackt das eingebettete.</translation>
    </message>
</context>
<context>
    <name>InspectView</name>
    <message>
        <location filename="../qml/detail/InspectView.qml" line="26"/>
        <location filename="../qml/detail/InspectView.qml" line="66"/>
        <source>config.json</source>
        <translation>config.json</translation>
    </message>
    <message>
        <location filename="../qml/detail/InspectView.qml" line="30"/>
        <location filename="../qml/detail/InspectView.qml" line="66"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../qml/detail/InspectView.qml" line="38"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../qml/detail/InspectView.qml" line="39"/>
        <source>Copy the text shown</source>
        <translation>Den angezeigten Text kopieren</translation>
    </message>
    <message>
        <location filename="../qml/detail/InspectView.qml" line="47"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../qml/detail/InspectView.qml" line="48"/>
        <source>Read the container again</source>
        <translation>Den Container erneut einlesen</translation>
    </message>
</context>
<context>
    <name>KernelMapText</name>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="24"/>
        <location filename="../core/teaching/KernelMap.cpp" line="321"/>
        <source>(not readable)</source>
        <translation>(nicht lesbar)</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="72"/>
        <location filename="../core/teaching/KernelMap.cpp" line="108"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="98"/>
        <source>The memory cgroup counts every page the container&apos;s processes use; above this number the kernel reclaims, then the OOM killer ends a process.</source>
        <translation>Die memory-cgroup zählt jede Seite, die die Prozesse des Containers belegen; oberhalb dieses Werts fordert der Kernel Speicher zurück, dann beendet der OOM-Killer einen Prozess.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="103"/>
        <source>The pids cgroup makes fork() fail with EAGAIN once the container has this many tasks: a fork bomb stops here.</source>
        <translation>Die pids-cgroup lässt fork() mit EAGAIN fehlschlagen, sobald der Container so viele Tasks hat: Hier endet eine Fork-Bombe.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="109"/>
        <source>The CPU controller lets the container run this many microseconds per period, then throttles it until the next period.</source>
        <translation>Der CPU-Controller lässt den Container so viele Mikrosekunden pro Periode laufen und drosselt ihn dann bis zur nächsten Periode.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="118"/>
        <source>(no cgroup file)</source>
        <translation>(keine cgroup-Datei)</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="121"/>
        <source>(not visible inside)</source>
        <translation>(innen nicht sichtbar)</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/teaching/KernelMap.cpp" line="138"/>
        <source>%n capabilities</source>
        <translation>
            <numerusform>%n Capability</numerusform>
            <numerusform>%n Capabilities</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="142"/>
        <source>Each bit of CapEff is one capability the kernel checks; a bit missing from CapBnd can never come back, not even through a setuid program.</source>
        <translation>Jedes Bit von CapEff ist eine Capability, die der Kernel prüft; ein Bit, das in CapBnd fehlt, kann nie zurückkommen, nicht einmal über ein setuid-Programm.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="158"/>
        <source>%1 dropped</source>
        <translation>%1 entzogen</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="159"/>
        <source>bit %1 of CapEff and CapBnd</source>
        <translation>Bit %1 von CapEff und CapBnd</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="160"/>
        <source>in CapEff: %1, in CapBnd: %2</source>
        <translation>in CapEff: %1, in CapBnd: %2</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="161"/>
        <location filename="../core/teaching/KernelMap.cpp" line="162"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="161"/>
        <location filename="../core/teaching/KernelMap.cpp" line="162"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="163"/>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="164"/>
        <source>clear</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="165"/>
        <source>Without it, the container may not: %1</source>
        <translation>Ohne sie darf der Container Folgendes nicht: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/teaching/KernelMap.cpp" line="176"/>
        <source>%1, %n rules</source>
        <translation>
            <numerusform>%1, %n Regel</numerusform>
            <numerusform>%1, %n Regeln</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="178"/>
        <source>unconfined</source>
        <translation>uneingeschränkt</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="180"/>
        <source>mode %1 (%2), %3 filter(s)</source>
        <translation>Modus %1 (%2), %3 Filter</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="184"/>
        <source>Seccomp: %1</source>
        <translation>Seccomp: %1</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="185"/>
        <source>Mode 2 means a BPF filter runs before every system call the container makes and may refuse it before the kernel looks at it.</source>
        <translation>Modus 2 bedeutet, dass vor jedem Systemaufruf des Containers ein BPF-Filter läuft, der den Aufruf verweigern kann, bevor der Kernel ihn überhaupt ansieht.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="194"/>
        <location filename="../core/teaching/KernelMap.cpp" line="289"/>
        <source>(not probed)</source>
        <translation>(nicht gemessen)</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="197"/>
        <source>%1: no filter</source>
        <translation>%1: kein Filter</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="199"/>
        <source>the BPF filter, on every %1() call</source>
        <translation>der BPF-Filter, bei jedem Aufruf von %1()</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="200"/>
        <source>%1() gives %2</source>
        <translation>%1() liefert %2</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="201"/>
        <source>(the host has no filter)</source>
        <translation>(der Host hat keinen Filter)</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="203"/>
        <source>The filter lets %1() through; what is left is the kernel&apos;s own capability check.</source>
        <translation>Der Filter lässt %1() durch; übrig bleibt die eigene Capability-Prüfung des Kernels.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="206"/>
        <source>The filter answers %1() itself; the kernel never runs the call.</source>
        <translation>Der Filter beantwortet %1() selbst; der Kernel führt den Aufruf nie aus.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="221"/>
        <source>the host&apos;s</source>
        <translation>der des Hosts</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="224"/>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="225"/>
        <source>join %1</source>
        <translation>%1 beitreten</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="237"/>
        <source>Same inode as the host: the container shares the host&apos;s %1 namespace.</source>
        <translation>Dieselbe Inode wie beim Host: Der Container teilt den %1-Namespace des Hosts.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="240"/>
        <source>A different inode: the container has a %1 namespace of its own.</source>
        <translation>Eine andere Inode: Der Container hat einen eigenen %1-Namespace.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="250"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="254"/>
        <source>No user namespace: uid 0 inside is uid 0, root, on the host.</source>
        <translation>Kein User-Namespace: UID 0 innen ist UID 0, also root, auf dem Host.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="255"/>
        <source>Root inside is the first host uid of the map: an unprivileged user on the host.</source>
        <translation>root innen ist die erste Host-UID der Map: ein unprivilegierter Benutzer auf dem Host.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="260"/>
        <source>the UTS namespace</source>
        <translation>der UTS-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="263"/>
        <source>In its own UTS namespace the container has a hostname of its own.</source>
        <translation>In seinem eigenen UTS-Namespace hat der Container einen eigenen Rechnernamen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="272"/>
        <source>mountinfo of /</source>
        <translation>mountinfo von /</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="273"/>
        <source>read-only: %1, creating a file: %2</source>
        <translation>schreibgeschützt: %1, Datei anlegen: %2</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="277"/>
        <source>&quot;ro&quot; among the mount options of / makes every write to the root fail with EROFS; the overlay&apos;s upper layer stays untouched.</source>
        <translation>„ro“ unter den Einhängeoptionen von / lässt jeden Schreibzugriff auf das Wurzeldateisystem mit EROFS fehlschlagen; die obere Schicht des Overlays bleibt unberührt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="288"/>
        <location filename="../core/teaching/KernelMap.cpp" line="303"/>
        <source>mountinfo of %1</source>
        <translation>mountinfo von %1</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="290"/>
        <source>exists: %1, readable: %2</source>
        <translation>existiert: %1, lesbar: %2</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="293"/>
        <source>(no mount: the path does not exist here)</source>
        <translation>(nicht eingehängt: Der Pfad existiert hier nicht)</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="294"/>
        <source>/dev/null or an empty tmpfs is mounted over it, so the host&apos;s data behind it cannot be read.</source>
        <translation>/dev/null oder ein leeres tmpfs ist darüber eingehängt, daher können die Daten des Hosts dahinter nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../core/teaching/KernelMap.cpp" line="310"/>
        <source>Bound read-only over itself: the container may read these kernel settings but not change them.</source>
        <translation>Schreibgeschützt über sich selbst gebunden: Der Container darf diese Kernel-Einstellungen lesen, aber nicht ändern.</translation>
    </message>
</context>
<context>
    <name>KernelMapView</name>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="39"/>
        <source>Seccomp rule for</source>
        <translation>Seccomp-Regel für</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="44"/>
        <source>System call whose seccomp rule is shown</source>
        <translation>Systemaufruf, dessen Seccomp-Regel angezeigt wird</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="55"/>
        <source>Reading the kernel&apos;s view</source>
        <translation>Die Sicht des Kernels wird gelesen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="58"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="60"/>
        <source>Read the kernel map again</source>
        <translation>Die Kernel-Karte erneut einlesen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="71"/>
        <source>Choose a running container to see where the kernel enforces its spec.</source>
        <translation>Wählen Sie einen laufenden Container, um zu sehen, wo der Kernel seine Spezifikation durchsetzt.</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="85"/>
        <source>Spec-to-kernel map</source>
        <translation>Karte: von der Spezifikation zum Kernel</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="97"/>
        <source>Control groups</source>
        <translation>Control Groups</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="98"/>
        <source>Capabilities</source>
        <translation>Capabilities</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="99"/>
        <source>Seccomp</source>
        <translation>Seccomp</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="100"/>
        <source>Namespaces</source>
        <translation>Namespaces</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="101"/>
        <source>Filesystem</source>
        <translation>Dateisystem</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="118"/>
        <source>%1: %2, enforced at %3</source>
        <translation>%1: %2, durchgesetzt in %3</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="141"/>
        <source>enforced at</source>
        <translation>durchgesetzt in</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="151"/>
        <source>inside</source>
        <translation>innen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/KernelMapView.qml" line="161"/>
        <source>host</source>
        <translation>Host</translation>
    </message>
</context>
<context>
    <name>LabModel</name>
    <message>
        <location filename="../core/teaching/LabModel.cpp" line="77"/>
        <location filename="../core/teaching/LabModel.cpp" line="93"/>
        <source> and </source>
        <translation> und </translation>
    </message>
</context>
<context>
    <name>LabPage</name>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="21"/>
        <source>Experiments lab</source>
        <translation>Experimentierlabor</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="94"/>
        <source>Experiments</source>
        <translation>Experimente</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="56"/>
        <source>An experiment is running</source>
        <translation>Ein Experiment läuft</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="37"/>
        <source>Experiments in</source>
        <translation>Experimente in</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="46"/>
        <source>Container to run the experiments in</source>
        <translation>Container, in dem die Experimente laufen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="72"/>
        <source>Run tries an act inside the container and shows which mechanism decided it; Relax and try again runs it in a twin with that mechanism relaxed.</source>
        <translation>„Ausführen“ versucht eine Handlung im Container und zeigt, welcher Mechanismus entschieden hat; „Lockern und erneut versuchen“ führt sie in einem Zwillingscontainer mit gelockertem Mechanismus aus.</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="76"/>
        <source>Choose a running container above to run these experiments in it.</source>
        <translation>Wählen Sie oben einen laufenden Container, um diese Experimente darin auszuführen.</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="77"/>
        <source>Start a container on the Containers page to run these experiments in it.</source>
        <translation>Starten Sie auf der Seite „Container“ einen Container, um diese Experimente darin auszuführen.</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="132"/>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="142"/>
        <source>Running %1</source>
        <translation>%1 wird ausgeführt</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="145"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="148"/>
        <source>Run %1 in the container</source>
        <translation>%1 im Container ausführen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="152"/>
        <source>Relax and try again</source>
        <translation>Lockern und erneut versuchen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="154"/>
        <source>Run %1 in a twin container with %2 relaxed</source>
        <translation>%1 in einem Zwillingscontainer mit gelockerter Einschränkung „%2“ ausführen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="185"/>
        <source>Twin predicted</source>
        <translation>Vorhersage (Zwilling)</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="185"/>
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="194"/>
        <source>Happened</source>
        <translation>Eingetreten</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="206"/>
        <source>Decided by</source>
        <translation>Entschieden durch</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="217"/>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="233"/>
        <source>Hide output</source>
        <translation>Ausgabe ausblenden</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="233"/>
        <source>Show output</source>
        <translation>Ausgabe anzeigen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LabPage.qml" line="243"/>
        <source>Output of %1</source>
        <translation>Ausgabe von %1</translation>
    </message>
</context>
<context>
    <name>LessonModel</name>
    <message>
        <location filename="../core/teaching/LessonModel.cpp" line="97"/>
        <source>There is no such step.</source>
        <translation>Diesen Schritt gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LessonModel.cpp" line="101"/>
        <source>Another step is still running.</source>
        <translation>Ein anderer Schritt läuft noch.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LessonModel.cpp" line="112"/>
        <source>Create the lesson&apos;s container first.</source>
        <translation>Erstellen Sie zuerst den Container der Lektion.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LessonModel.cpp" line="122"/>
        <source>The map beside shows the container&apos;s settings.</source>
        <translation>Die Karte daneben zeigt die Einstellungen des Containers.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LessonModel.cpp" line="124"/>
        <source>The chart beside follows the container.</source>
        <translation>Das Diagramm daneben verfolgt den Container.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LessonModel.cpp" line="151"/>
        <source>Container %1 is running.</source>
        <translation>Container %1 läuft.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LessonModel.cpp" line="186"/>
        <source>Created and started in %1 ms; a virtual machine boots in seconds.</source>
        <translation>In %1 ms erstellt und gestartet; eine virtuelle Maschine bootet in Sekunden.</translation>
    </message>
</context>
<context>
    <name>LessonText</name>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="30"/>
        <source>PID namespace</source>
        <translation>PID-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="31"/>
        <source>A separate process ID tree: the container&apos;s first process is PID 1 inside and an ordinary PID on the host.</source>
        <translation>Ein eigener Baum von Prozess-IDs: Der erste Prozess des Containers hat innen die PID 1 und auf dem Host eine gewöhnliche PID.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="34"/>
        <source>Create a container with Docker&apos;s defaults.</source>
        <translation>Erstellen Sie einen Container mit den Standardeinstellungen von Docker.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="35"/>
        <source>Run &quot;Who am I?&quot;: ps lists only the container&apos;s processes.</source>
        <translation>Führen Sie „Wer bin ich?“ aus: ps listet nur die Prozesse des Containers auf.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="37"/>
        <source>Compare the pid namespace inode inside with the host&apos;s in the map.</source>
        <translation>Vergleichen Sie in der Karte die Inode des PID-Namespace innen mit der des Hosts.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="39"/>
        <source>Run it again without a PID namespace: ps now lists the host&apos;s processes.</source>
        <translation>Führen Sie es erneut ohne PID-Namespace aus: ps listet jetzt die Prozesse des Hosts auf.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="43"/>
        <source>Network namespace</source>
        <translation>Netzwerk-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="44"/>
        <source>Its own interfaces, addresses, routes and ports: every container can bind port 80.</source>
        <translation>Eigene Schnittstellen, Adressen, Routen und Ports: Jeder Container kann Port 80 binden.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="47"/>
        <location filename="../core/teaching/Lessons.cpp" line="58"/>
        <location filename="../core/teaching/Lessons.cpp" line="66"/>
        <location filename="../core/teaching/Lessons.cpp" line="78"/>
        <location filename="../core/teaching/Lessons.cpp" line="85"/>
        <location filename="../core/teaching/Lessons.cpp" line="126"/>
        <location filename="../core/teaching/Lessons.cpp" line="147"/>
        <location filename="../core/teaching/Lessons.cpp" line="155"/>
        <location filename="../core/teaching/Lessons.cpp" line="193"/>
        <location filename="../core/teaching/Lessons.cpp" line="201"/>
        <source>Create a container.</source>
        <translation>Erstellen Sie einen Container.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="48"/>
        <source>Bind port 80 here and in a second container at once: both get it.</source>
        <translation>Binden Sie Port 80 hier und gleichzeitig in einem zweiten Container: Beide bekommen ihn.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="50"/>
        <source>Without network namespaces both share the host&apos;s port 80: only one gets it.</source>
        <translation>Ohne Netzwerk-Namespaces teilen sich beide Port 80 des Hosts: Nur einer bekommt ihn.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="53"/>
        <source>Find the network namespace&apos;s inode in the map.</source>
        <translation>Suchen Sie die Inode des Netzwerk-Namespace in der Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="56"/>
        <source>Mount namespace</source>
        <translation>Mount-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="57"/>
        <source>An isolated filesystem view: mounts made inside do not reach the host.</source>
        <translation>Eine isolierte Sicht auf das Dateisystem: Innen vorgenommene Einhängungen erreichen den Host nicht.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="59"/>
        <source>Its mounts are the lines of its own mountinfo, shown in the map.</source>
        <translation>Seine Einhängungen sind die Zeilen seiner eigenen mountinfo, die in der Karte angezeigt werden.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="61"/>
        <source>Mounting needs CAP_SYS_ADMIN and seccomp&apos;s consent; try it.</source>
        <translation>Einhängen erfordert CAP_SYS_ADMIN und die Zustimmung von Seccomp; probieren Sie es aus.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="64"/>
        <source>UTS namespace</source>
        <translation>UTS-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="65"/>
        <source>Its own hostname and domain name.</source>
        <translation>Eigener Rechner- und Domainname.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="67"/>
        <source>The hostname inside differs from the host&apos;s: see the map.</source>
        <translation>Der Rechnername innen unterscheidet sich von dem des Hosts: siehe Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="69"/>
        <source>Changing it needs CAP_SYS_ADMIN, which Docker&apos;s defaults drop.</source>
        <translation>Ihn zu ändern erfordert CAP_SYS_ADMIN, das die Standardeinstellungen von Docker entziehen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="71"/>
        <source>With the capability added, the container renames only itself.</source>
        <translation>Mit hinzugefügter Capability benennt der Container nur sich selbst um.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="74"/>
        <source>IPC namespace</source>
        <translation>IPC-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="75"/>
        <source>Isolated System V shared memory, semaphores and message queues, and its own POSIX message queues.</source>
        <translation>Isolierter gemeinsamer System-V-Speicher, Semaphoren und Nachrichtenwarteschlangen sowie eigene POSIX-Nachrichtenwarteschlangen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="79"/>
        <source>Its ipc namespace inode differs from the host&apos;s: see the map.</source>
        <translation>Die Inode seines IPC-Namespace unterscheidet sich von der des Hosts: siehe Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="82"/>
        <source>Cgroup namespace</source>
        <translation>Cgroup-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="83"/>
        <source>Hides the host&apos;s cgroup tree: the container sees its own cgroup as the root.</source>
        <translation>Verbirgt den cgroup-Baum des Hosts: Der Container sieht seine eigene cgroup als Wurzel.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="86"/>
        <source>Inside, the container&apos;s cgroup path is &quot;/&quot;; the host sees /isolde/helper/&lt;id&gt;. Compare both in the map.</source>
        <translation>Innen ist der cgroup-Pfad des Containers „/“; der Host sieht /isolde/helper/&lt;id&gt;. Vergleichen Sie beide in der Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="91"/>
        <source>User namespace</source>
        <translation>User-Namespace</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="92"/>
        <source>Root inside the container maps to an unprivileged user on the host.</source>
        <translation>root im Container entspricht einem unprivilegierten Benutzer auf dem Host.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="93"/>
        <source>Create a container with a user namespace mapping root to uid 100000.</source>
        <translation>Erstellen Sie einen Container mit einem User-Namespace, der root der UID 100000 zuordnet.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="96"/>
        <source>Create a file in a bind mount: inside it belongs to root, on the host to uid 100000.</source>
        <translation>Legen Sie eine Datei in einem Bind-Mount an: Innen gehört sie root, auf dem Host UID 100000.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="100"/>
        <source>The map row shows /proc/PID/uid_map as the host reads it.</source>
        <translation>Die Zeile der Karte zeigt /proc/PID/uid_map so, wie der Host es liest.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="102"/>
        <source>Without the user namespace, root inside is root on the host.</source>
        <translation>Ohne User-Namespace ist root innen auch root auf dem Host.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="105"/>
        <source>CPU cgroup</source>
        <translation>CPU-cgroup</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="106"/>
        <source>Time slices and core pinning: a quota of CPU time per period.</source>
        <translation>Zeitscheiben und Bindung an Kerne: ein Kontingent an CPU-Zeit pro Periode.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="107"/>
        <location filename="../core/teaching/Lessons.cpp" line="224"/>
        <source>Create a container limited to 0.2 CPU.</source>
        <translation>Erstellen Sie einen auf 0,2 CPU begrenzten Container.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="108"/>
        <source>Spin a CPU inside: the scheduler throttles it.</source>
        <translation>Lasten Sie innen eine CPU voll aus: Der Scheduler drosselt sie.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="110"/>
        <source>The chart shows CPU use flat at the quota.</source>
        <translation>Das Diagramm zeigt die CPU-Nutzung flach auf Höhe des Kontingents.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="111"/>
        <source>The quota lives in a cgroup file: see the map.</source>
        <translation>Das Kontingent steht in einer cgroup-Datei: siehe Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="113"/>
        <source>Memory cgroup</source>
        <translation>Speicher-cgroup</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="114"/>
        <source>RAM and swap limits: above the limit the kernel reclaims, then kills.</source>
        <translation>Limits für RAM und Swap: Oberhalb des Limits fordert der Kernel Speicher zurück und würgt dann Prozesse ab.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="115"/>
        <source>Create a container limited to 64 MiB.</source>
        <translation>Erstellen Sie einen auf 64 MiB begrenzten Container.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="116"/>
        <source>Allocate 256 MiB inside: the OOM killer ends the process.</source>
        <translation>Belegen Sie innen 256 MiB: Der OOM-Killer beendet den Prozess.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="118"/>
        <source>The memory chart shows the climb and the kill.</source>
        <translation>Das Speicherdiagramm zeigt den Anstieg und das Abwürgen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="120"/>
        <source>The limit is memory.limit_in_bytes (v1) or memory.max (v2): see the map.</source>
        <translation>Das Limit ist memory.limit_in_bytes (v1) oder memory.max (v2): siehe Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="124"/>
        <source>Block IO cgroup</source>
        <translation>Block-IO-cgroup</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="125"/>
        <source>Disk bandwidth: weights and read/write throttles per device.</source>
        <translation>Datenträger-Bandbreite: Gewichtungen und Lese-/Schreibdrosseln pro Gerät.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="127"/>
        <source>Its read and write rates are counted by the io (v2) or blkio (v1) controller.</source>
        <translation>Seine Lese- und Schreibraten zählt der Controller io (v2) bzw. blkio (v1).</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="131"/>
        <source>Network bandwidth</source>
        <translation>Netzwerkbandbreite</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="132"/>
        <source>Bandwidth is not a cgroup limit: it is shaped with tc on the container&apos;s interface.</source>
        <translation>Bandbreite ist kein cgroup-Limit: Sie wird mit tc an der Schnittstelle des Containers geformt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="134"/>
        <source>Traffic control (tc) queues on the container&apos;s veth pair limit its bandwidth; the cgroup only tags packets for it.</source>
        <translation>Traffic-Control-Warteschlangen (tc) am veth-Paar des Containers begrenzen seine Bandbreite; die cgroup markiert dafür nur die Pakete.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="137"/>
        <source>Create a container: without a network it has only the loopback interface.</source>
        <translation>Erstellen Sie einen Container: Ohne Netzwerk hat er nur die Loopback-Schnittstelle.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="140"/>
        <source>See its own network namespace in the map.</source>
        <translation>Sehen Sie seinen eigenen Netzwerk-Namespace in der Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="142"/>
        <source>Devices cgroup</source>
        <translation>Geräte-cgroup</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="143"/>
        <source>Which device nodes the container may open or create.</source>
        <translation>Welche Gerätedateien der Container öffnen oder erstellen darf.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="144"/>
        <source>Docker&apos;s rules deny every device but null, zero, full, random, urandom, tty, console, ptmx and pts; mknod is allowed, opening other devices is not.</source>
        <translation>Die Regeln von Docker verweigern jedes Gerät außer null, zero, full, random, urandom, tty, console, ptmx und pts; mknod ist erlaubt, das Öffnen anderer Geräte nicht.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="148"/>
        <source>The capability to create device nodes, CAP_MKNOD, is in the map.</source>
        <translation>Die Capability zum Erstellen von Gerätedateien, CAP_MKNOD, steht in der Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="151"/>
        <source>Seccomp</source>
        <translation>Seccomp</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="152"/>
        <source>A filter on system calls: the default profile refuses about 44 dangerous ones, among them reboot, mount and ptrace.</source>
        <translation>Ein Filter für Systemaufrufe: Das Standardprofil verweigert etwa 44 gefährliche, darunter reboot, mount und ptrace.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="156"/>
        <source>Trace another process: the filter refuses ptrace().</source>
        <translation>Verfolgen Sie einen anderen Prozess: Der Filter verweigert ptrace().</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="158"/>
        <source>The map shows Seccomp: 2 and the profile&apos;s rule for ptrace.</source>
        <translation>Die Karte zeigt Seccomp: 2 und die Regel des Profils für ptrace.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="160"/>
        <source>Without the filter, ptrace() goes through.</source>
        <translation>Ohne den Filter geht ptrace() durch.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="162"/>
        <source>Capabilities</source>
        <translation>Capabilities</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="163"/>
        <source>Root&apos;s power cut into pieces: the container keeps 14 of them.</source>
        <translation>Die Macht von root in Stücke geteilt: Der Container behält 14 davon.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="164"/>
        <source>Create a container without CAP_NET_RAW.</source>
        <translation>Erstellen Sie einen Container ohne CAP_NET_RAW.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="165"/>
        <source>Ping needs a raw socket: refused.</source>
        <translation>Ping braucht einen Raw-Socket: verweigert.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="166"/>
        <source>Each capability is a bit of CapEff and CapBnd: see the map.</source>
        <translation>Jede Capability ist ein Bit von CapEff und CapBnd: siehe Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="168"/>
        <source>With CAP_NET_RAW added, ping opens its socket.</source>
        <translation>Mit hinzugefügtem CAP_NET_RAW öffnet ping seinen Socket.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="171"/>
        <source>AppArmor and SELinux</source>
        <translation>AppArmor und SELinux</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="172"/>
        <source>Mandatory access control profiles restrict files, network and more, beyond permissions and capabilities.</source>
        <translation>Profile für Mandatory Access Control beschränken Dateien, Netzwerk und mehr, über Zugriffsrechte und Capabilities hinaus.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="175"/>
        <source>Isolde applies process.apparmorProfile and the SELinux label when the host has AppArmor or SELinux enabled; when it has neither, the container&apos;s state says so in the annotation org.isolde.lsm.</source>
        <translation>Isolde wendet process.apparmorProfile und das SELinux-Label an, wenn auf dem Host AppArmor oder SELinux aktiviert ist; ist keines von beiden aktiv, vermerkt der Status des Containers dies in der Annotation org.isolde.lsm.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="179"/>
        <source>Create a container and look for the annotation in its inspect view.</source>
        <translation>Erstellen Sie einen Container und suchen Sie die Annotation in seiner Ansicht „Inspizieren“.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="182"/>
        <source>Read-only root</source>
        <translation>Schreibgeschütztes Wurzeldateisystem</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="183"/>
        <source>An immutable root filesystem: binaries cannot be changed at run time.</source>
        <translation>Ein unveränderliches Wurzeldateisystem: Programme können zur Laufzeit nicht verändert werden.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="184"/>
        <source>Create a container with a read-only root.</source>
        <translation>Erstellen Sie einen Container mit schreibgeschütztem Wurzeldateisystem.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="185"/>
        <source>Write to the root: EROFS.</source>
        <translation>Schreiben Sie in das Wurzeldateisystem: EROFS.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="186"/>
        <source>The mountinfo line of / carries &quot;ro&quot;: see the map.</source>
        <translation>Die mountinfo-Zeile von / enthält „ro“: siehe Karte.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="188"/>
        <source>With a writable root, the file lands in the container&apos;s own layer.</source>
        <translation>Mit beschreibbarem Wurzeldateisystem landet die Datei in der eigenen Schicht des Containers.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="191"/>
        <source>Masked paths</source>
        <translation>Maskierte Pfade</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="192"/>
        <source>Files of /proc and /sys that tell about the host are covered.</source>
        <translation>Dateien in /proc und /sys, die Auskunft über den Host geben, werden verdeckt.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="194"/>
        <source>Read /proc/timer_list: it is empty.</source>
        <translation>Lesen Sie /proc/timer_list: Es ist leer.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="195"/>
        <source>Unmasked, the host&apos;s timers show through.</source>
        <translation>Ohne Maskierung scheinen die Timer des Hosts durch.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="197"/>
        <source>Overlay layers</source>
        <translation>Overlay-Schichten</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="198"/>
        <source>Layered images with copy-on-write: base layers are shared and read-only; each container writes to its own upper layer.</source>
        <translation>Geschichtete Images mit Copy-on-Write: Basisschichten werden geteilt und sind schreibgeschützt; jeder Container schreibt in seine eigene obere Schicht.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="202"/>
        <source>Write a file: it goes to the container&apos;s upper layer, the image stays as it was.</source>
        <translation>Schreiben Sie eine Datei: Sie landet in der oberen Schicht des Containers, das Image bleibt unverändert.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="205"/>
        <source>The root&apos;s mountinfo line is an overlay with lowerdir and upperdir.</source>
        <translation>Die mountinfo-Zeile des Wurzeldateisystems ist ein Overlay mit lowerdir und upperdir.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="208"/>
        <source>Containers and virtual machines</source>
        <translation>Container und virtuelle Maschinen</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="209"/>
        <source>Containers share the host&apos;s kernel: process-level isolation, milliseconds to start. A VM has its own kernel behind a hypervisor and boots in seconds.</source>
        <translation>Container teilen sich den Kernel des Hosts: Isolation auf Prozessebene, Start in Millisekunden. Eine VM hat hinter einem Hypervisor einen eigenen Kernel und bootet in Sekunden.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="212"/>
        <source>Kernel: shared with the host, or a VM&apos;s own. Isolation: kernel features, or the hypervisor. Overhead: minimal, or a full operating system.</source>
        <translation>Kernel: mit dem Host geteilt oder ein eigener der VM. Isolation: Kernel-Funktionen oder der Hypervisor. Mehraufwand: minimal oder ein vollständiges Betriebssystem.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="215"/>
        <source>Measure how long Isolde takes to create and start a container.</source>
        <translation>Messen Sie, wie lange Isolde braucht, um einen Container zu erstellen und zu starten.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="217"/>
        <source>A kernel bug can let a process out of a container; keep kernels patched, use user namespaces, seccomp and few capabilities, or gVisor or Kata Containers for a stronger boundary.</source>
        <translation>Ein Kernel-Fehler kann einen Prozess aus einem Container entkommen lassen; halten Sie Kernel aktuell, verwenden Sie User-Namespaces, Seccomp und wenige Capabilities oder für eine stärkere Grenze gVisor bzw. Kata Containers.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="222"/>
        <source>Reading the numbers</source>
        <translation>Die Zahlen verstehen</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="223"/>
        <source>Why docker stats, top and ctop disagree on CPU and memory.</source>
        <translation>Warum docker stats, top und ctop bei CPU und Speicher nicht übereinstimmen.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="225"/>
        <source>Spin it, then switch the CPU % convention: per core (Docker), share of the host (ctop, LXD), share of the quota.</source>
        <translation>Lasten Sie die CPU aus und wechseln Sie dann die Konvention für CPU-%: pro Kern (Docker), Anteil am Host (ctop, LXD), Anteil am Kontingent.</translation>
    </message>
    <message>
        <location filename="../core/teaching/Lessons.cpp" line="229"/>
        <source>The memory breakdown: anon, file, inactive file, shmem, kernel.</source>
        <translation>Die Aufschlüsselung des Speichers: anon, file, inactive file, shmem, kernel.</translation>
    </message>
</context>
<context>
    <name>LessonsPage</name>
    <message>
        <location filename="../qml/teaching/LessonsPage.qml" line="21"/>
        <location filename="../qml/teaching/LessonsPage.qml" line="49"/>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LessonsPage.qml" line="30"/>
        <source>Failed: </source>
        <translation>Fehlgeschlagen: </translation>
    </message>
    <message>
        <location filename="../qml/teaching/LessonsPage.qml" line="124"/>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LessonsPage.qml" line="135"/>
        <source>Do it</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LessonsPage.qml" line="136"/>
        <source>Do step %1: %2</source>
        <translation>Schritt %1 ausführen: %2</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LessonsPage.qml" line="166"/>
        <source>Isolde created and started a container in %1 ms.</source>
        <translation>Isolde hat einen Container in %1 ms erstellt und gestartet.</translation>
    </message>
    <message>
        <location filename="../qml/teaching/LessonsPage.qml" line="172"/>
        <source>A step is running</source>
        <translation>Ein Schritt läuft</translation>
    </message>
</context>
<context>
    <name>LimitSlider</name>
    <message>
        <location filename="../qml/components/LimitSlider.qml" line="31"/>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <location filename="../qml/components/LimitSlider.qml" line="96"/>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location filename="../qml/components/LimitSlider.qml" line="97"/>
        <source>Limit %1</source>
        <translation>Limit für %1</translation>
    </message>
    <message>
        <location filename="../qml/components/LimitSlider.qml" line="137"/>
        <source>%1 value</source>
        <translation>Wert für %1</translation>
    </message>
    <message>
        <location filename="../qml/components/LimitSlider.qml" line="143"/>
        <source>not a number: %1</source>
        <translation>keine Zahl: %1</translation>
    </message>
</context>
<context>
    <name>LogsView</name>
    <message>
        <location filename="../qml/detail/LogsView.qml" line="42"/>
        <location filename="../qml/detail/LogsView.qml" line="44"/>
        <source>Search the logs</source>
        <translation>Protokolle durchsuchen</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/detail/LogsView.qml" line="47"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/detail/LogsView.qml" line="56"/>
        <source>Follow</source>
        <translation>Mitverfolgen</translation>
    </message>
    <message>
        <location filename="../qml/detail/LogsView.qml" line="58"/>
        <source>Follow new lines</source>
        <translation>Neuen Zeilen folgen</translation>
    </message>
    <message>
        <location filename="../qml/detail/LogsView.qml" line="61"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../qml/detail/LogsView.qml" line="62"/>
        <source>Read the logs again</source>
        <translation>Die Protokolle erneut einlesen</translation>
    </message>
    <message>
        <location filename="../qml/detail/LogsView.qml" line="79"/>
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
    <message>
        <location filename="../qml/detail/LogsView.qml" line="104"/>
        <source>No line contains “%1”.</source>
        <translation>Keine Zeile enthält „%1“.</translation>
    </message>
    <message>
        <location filename="../qml/detail/LogsView.qml" line="105"/>
        <source>No output yet.</source>
        <translation>Noch keine Ausgabe.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="22"/>
        <source>Containers</source>
        <translation>Container</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="23"/>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="24"/>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="25"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="26"/>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="27"/>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="58"/>
        <source>%1 — Isolde</source>
        <translation>%1 — Isolde</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="59"/>
        <location filename="../qml/Main.qml" line="132"/>
        <source>Isolde</source>
        <translation>Isolde</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="146"/>
        <source>Container: %1</source>
        <translation>Container: %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="152"/>
        <source>Ctrl+%1</source>
        <translation>Strg+%1</translation>
    </message>
</context>
<context>
    <name>MessageArea</name>
    <message>
        <location filename="../qml/components/MessageArea.qml" line="69"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../qml/components/MessageArea.qml" line="71"/>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>MonitorView</name>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="33"/>
        <source>CPU (%, 100 = one core): %1</source>
        <translation>CPU (%, 100 = ein Kern): %1</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="34"/>
        <source>100 % is one busy core; two busy cores are 200 %.</source>
        <translation>100 % ist ein ausgelasteter Kern; zwei ausgelastete Kerne sind 200 %.</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="36"/>
        <source>CPU (% of all %1 host CPUs): %2</source>
        <translation>CPU (% aller %1 Host-CPUs): %2</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="37"/>
        <source>100 % is every CPU of the host busy.</source>
        <translation>100 % heißt: jede CPU des Hosts ist ausgelastet.</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="39"/>
        <source>CPU (% of the quota): %1</source>
        <translation>CPU (% des Kontingents): %1</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="40"/>
        <source>100 % is all of the container&apos;s CPU quota; without a quota there is nothing to show.</source>
        <translation>100 % ist das ganze CPU-Kontingent des Containers; ohne Kontingent gibt es nichts anzuzeigen.</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="164"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="173"/>
        <source>quota</source>
        <translation>Kontingent</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="187"/>
        <source>Memory (MiB): %1</source>
        <translation>Speicher (MiB): %1</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="197"/>
        <source>used</source>
        <translation>belegt</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="206"/>
        <source>anonymous</source>
        <translation>anonym</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="214"/>
        <source>page cache</source>
        <translation>Seitencache</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="222"/>
        <source>limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="236"/>
        <source>IO (MiB/s)</source>
        <translation>E/A (MiB/s)</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="236"/>
        <source>IO (KiB/s)</source>
        <translation>E/A (KiB/s)</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="245"/>
        <source>read: %1</source>
        <translation>gelesen: %1</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="254"/>
        <source>write: %1</source>
        <translation>geschrieben: %1</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="267"/>
        <source>Processes: %1</source>
        <translation>Prozesse: %1</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="275"/>
        <source>pids</source>
        <translation>pids</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="284"/>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="315"/>
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="323"/>
        <source>Time window of the charts</source>
        <translation>Zeitfenster der Diagramme</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="325"/>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="326"/>
        <source>10 minutes</source>
        <translation>10 Minuten</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="327"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="347"/>
        <source>CPU percent convention</source>
        <translation>Konvention für CPU-Prozent</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="377"/>
        <source>Limits apply to the running container when you release a slider.</source>
        <translation>Limits gelten für den laufenden Container, sobald Sie einen Schieberegler loslassen.</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="378"/>
        <source>Reading the limits…</source>
        <translation>Limits werden gelesen …</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="386"/>
        <source>CPUs</source>
        <translation>CPUs</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="400"/>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="415"/>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="429"/>
        <source>IO weight</source>
        <translation>E/A-Gewichtung</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/detail/MonitorView.qml" line="444"/>
        <source>The kernel killed %n process(es) of this container for want of memory.</source>
        <translation>
            <numerusform>Der Kernel hat %n Prozess dieses Containers wegen Speichermangels abgewürgt.</numerusform>
            <numerusform>Der Kernel hat %n Prozesse dieses Containers wegen Speichermangels abgewürgt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MountsSection</name>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="16"/>
        <source>No mounts besides the standard /proc, /dev and /sys.</source>
        <translation>Keine Einhängepunkte außer den üblichen /proc, /dev und /sys.</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="39"/>
        <source>tmpfs at %1</source>
        <translation>tmpfs unter %1</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="40"/>
        <source>%1 → %2 (%3)</source>
        <translation>%1 → %2 (%3)</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="45"/>
        <location filename="../qml/editor/MountsSection.qml" line="93"/>
        <source>Read-only</source>
        <translation>Schreibgeschützt</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="47"/>
        <source>Mount %1 read-only</source>
        <translation>%1 schreibgeschützt einhängen</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="51"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="52"/>
        <source>Remove the mount at %1</source>
        <translation>Den Einhängepunkt %1 entfernen</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="60"/>
        <source>Add a mount</source>
        <translation>Einen Einhängepunkt hinzufügen</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="65"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="70"/>
        <source>Mount type</source>
        <translation>Einhängetyp</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="72"/>
        <location filename="../qml/editor/MountsSection.qml" line="79"/>
        <source>Host path</source>
        <translation>Host-Pfad</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="78"/>
        <source>/home/me/data</source>
        <translation>/home/me/data</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="81"/>
        <location filename="../qml/editor/MountsSection.qml" line="87"/>
        <source>Container path</source>
        <translation>Container-Pfad</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="86"/>
        <source>/data</source>
        <translation>/data</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="94"/>
        <source>New mount read-only</source>
        <translation>Neuen Einhängepunkt schreibgeschützt einhängen</translation>
    </message>
    <message>
        <location filename="../qml/editor/MountsSection.qml" line="98"/>
        <location filename="../qml/editor/MountsSection.qml" line="99"/>
        <source>Add mount</source>
        <translation>Einhängepunkt hinzufügen</translation>
    </message>
</context>
<context>
    <name>NamespacesSection</name>
    <message>
        <location filename="../qml/editor/NamespacesSection.qml" line="25"/>
        <source>New %1 namespace</source>
        <translation>Neuer %1-Namespace</translation>
    </message>
    <message>
        <location filename="../qml/editor/NamespacesSection.qml" line="38"/>
        <source>User namespace mapping</source>
        <translation>Zuordnung im User-Namespace</translation>
    </message>
    <message>
        <location filename="../qml/editor/NamespacesSection.qml" line="41"/>
        <source>Container IDs from 0 are these host IDs; root inside is the first of them.</source>
        <translation>Container-IDs ab 0 entsprechen diesen Host-IDs; root innen ist die erste davon.</translation>
    </message>
    <message>
        <location filename="../qml/editor/NamespacesSection.qml" line="49"/>
        <location filename="../qml/editor/NamespacesSection.qml" line="53"/>
        <source>First host UID</source>
        <translation>Erste Host-UID</translation>
    </message>
    <message>
        <location filename="../qml/editor/NamespacesSection.qml" line="56"/>
        <location filename="../qml/editor/NamespacesSection.qml" line="60"/>
        <source>First host GID</source>
        <translation>Erste Host-GID</translation>
    </message>
    <message>
        <location filename="../qml/editor/NamespacesSection.qml" line="63"/>
        <source>Number of IDs</source>
        <translation>Anzahl der IDs</translation>
    </message>
    <message>
        <location filename="../qml/editor/NamespacesSection.qml" line="67"/>
        <source>Number of mapped IDs</source>
        <translation>Anzahl der zugeordneten IDs</translation>
    </message>
</context>
<context>
    <name>NumbersPanel</name>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="21"/>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="338"/>
        <location filename="../qml/teaching/NumbersPanel.qml" line="29"/>
        <source>CPU %</source>
        <translation>CPU-%</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="32"/>
        <location filename="../qml/teaching/NumbersPanel.qml" line="34"/>
        <source>per core (docker stats)</source>
        <translation>pro Kern (docker stats)</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="35"/>
        <source>CPU percent per core, as docker stats shows it</source>
        <translation>CPU-Prozent pro Kern, wie docker stats es anzeigt</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="35"/>
        <location filename="../qml/teaching/NumbersPanel.qml" line="39"/>
        <source>share of the host (ctop, LXD)</source>
        <translation>Anteil am Host (ctop, LXD)</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="40"/>
        <source>CPU percent of all host CPUs, as ctop and LXD show it</source>
        <translation>CPU-Prozent aller Host-CPUs, wie ctop und LXD es anzeigen</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="38"/>
        <location filename="../qml/teaching/NumbersPanel.qml" line="44"/>
        <source>share of the quota</source>
        <translation>Anteil am Kontingent</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="45"/>
        <source>CPU percent of the container&apos;s quota</source>
        <translation>CPU-Prozent des Kontingents des Containers</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="50"/>
        <source>No sample yet.</source>
        <translation>Noch kein Messwert.</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="51"/>
        <source>No quota: there is nothing to be a share of.</source>
        <translation>Kein Kontingent: Es gibt nichts, woran ein Anteil bestehen könnte.</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="52"/>
        <source>%1 % now, limit %2</source>
        <translation>%1 % aktuell, Limit %2</translation>
    </message>
    <message>
        <location filename="../qml/detail/MonitorView.qml" line="59"/>
        <location filename="../qml/teaching/NumbersPanel.qml" line="53"/>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="60"/>
        <source>One busy core is 100 % per core, %1 % of this %2-CPU host, and 500 % of a 0.2 CPU quota: the same work in three conventions.</source>
        <translation>Ein ausgelasteter Kern entspricht 100 % pro Kern, %1 % dieses Hosts mit %2 CPUs und 500 % eines Kontingents von 0,2 CPU: dieselbe Arbeit in drei Konventionen.</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="66"/>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="72"/>
        <source>usage (what the limit counts)</source>
        <translation>Nutzung (was das Limit zählt)</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="74"/>
        <source>anonymous (heap, stacks)</source>
        <translation>anonym (Heap, Stacks)</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="76"/>
        <source>file cache</source>
        <translation>Datei-Cache</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="78"/>
        <source>inactive file cache</source>
        <translation>inaktiver Datei-Cache</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="80"/>
        <source>shared memory (tmpfs, /dev/shm)</source>
        <translation>gemeinsamer Speicher (tmpfs, /dev/shm)</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="82"/>
        <source>kernel (page tables, slabs)</source>
        <translation>Kernel (Seitentabellen, Slabs)</translation>
    </message>
    <message>
        <location filename="../qml/teaching/NumbersPanel.qml" line="89"/>
        <source>Tools disagree because they count different things: the cgroup&apos;s usage includes page cache the kernel can drop, docker stats subtracts the inactive file cache, top shows resident memory of processes and leaves out tmpfs and the kernel&apos;s own memory.</source>
        <translation>Die Werkzeuge stimmen nicht überein, weil sie Verschiedenes zählen: Die Nutzung der cgroup enthält Seitencache, den der Kernel verwerfen kann, docker stats zieht den inaktiven Datei-Cache ab, top zeigt den residenten Speicher der Prozesse und lässt tmpfs sowie den eigenen Speicher des Kernels weg.</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="22"/>
        <source>docker run</source>
        <translation>docker run</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="22"/>
        <source>docker run preview</source>
        <translation>Vorschau für docker run</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="23"/>
        <location filename="../qml/editor/PreviewPane.qml" line="40"/>
        <source>config.json</source>
        <translation>config.json</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="23"/>
        <source>config.json preview</source>
        <translation>Vorschau für config.json</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="24"/>
        <source>Kubernetes</source>
        <translation>Kubernetes</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="24"/>
        <source>Kubernetes manifest preview</source>
        <translation>Vorschau für Kubernetes-Manifest</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="25"/>
        <source>In the kernel</source>
        <translation>Im Kernel</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="25"/>
        <source>Spec-to-kernel map of a running container</source>
        <translation>Karte von der Spezifikation zum Kernel für einen laufenden Container</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="35"/>
        <source>docker run line</source>
        <translation>docker-run-Befehlszeile</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="44"/>
        <source>Kubernetes manifest</source>
        <translation>Kubernetes-Manifest</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewPane.qml" line="54"/>
        <source>Container whose settings the map follows into the kernel</source>
        <translation>Container, dessen Einstellungen die Karte bis in den Kernel verfolgt</translation>
    </message>
</context>
<context>
    <name>PreviewText</name>
    <message>
        <location filename="../qml/editor/PreviewText.qml" line="22"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../qml/editor/PreviewText.qml" line="23"/>
        <source>Copy the %1</source>
        <translation>%1 kopieren</translation>
    </message>
</context>
<context>
    <name>ResourcesSection</name>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="22"/>
        <location filename="../qml/editor/ResourcesSection.qml" line="23"/>
        <source>CPUs</source>
        <translation>CPUs</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="36"/>
        <source>CPU weight (shares; 1024 is the default)</source>
        <translation>CPU-Gewichtung (Shares; Standard ist 1024)</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="47"/>
        <source>CPU cores (none picked: all)</source>
        <translation>CPU-Kerne (keiner gewählt: alle)</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="61"/>
        <source>CPU core %1</source>
        <translation>CPU-Kern %1</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="69"/>
        <source>e.g. 0-3,5</source>
        <translation>z. B. 0-3,5</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="70"/>
        <source>CPU cores list</source>
        <translation>Liste der CPU-Kerne</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="77"/>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="91"/>
        <source>Memory plus swap</source>
        <translation>Speicher plus Swap</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="106"/>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="119"/>
        <source>IO weight</source>
        <translation>E/A-Gewichtung</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="129"/>
        <source>Per-device IO limits</source>
        <translation>E/A-Limits pro Gerät</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="148"/>
        <source>%1: %2 %3/s</source>
        <translation>%1: %2 %3/s</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="149"/>
        <location filename="../qml/editor/ResourcesSection.qml" line="152"/>
        <source>read</source>
        <translation>lesen</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="149"/>
        <location filename="../qml/editor/ResourcesSection.qml" line="152"/>
        <source>write</source>
        <translation>schreiben</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="151"/>
        <source>%1: %2 %3 operations/s</source>
        <translation>%1: %2 %3 Operationen/s</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="156"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="157"/>
        <source>Remove the IO limit on %1</source>
        <translation>Das E/A-Limit für %1 entfernen</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="173"/>
        <source>Read bytes/s</source>
        <translation>Lese-Byte/s</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="174"/>
        <source>Write bytes/s</source>
        <translation>Schreib-Byte/s</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="175"/>
        <source>Read operations/s</source>
        <translation>Lese-Operationen/s</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="176"/>
        <source>Write operations/s</source>
        <translation>Schreib-Operationen/s</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="178"/>
        <source>Kind of IO limit</source>
        <translation>Art des E/A-Limits</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="186"/>
        <source>Block device</source>
        <translation>Blockgerät</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="192"/>
        <source>e.g. 10m</source>
        <translation>z. B. 10m</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="192"/>
        <source>e.g. 100</source>
        <translation>z. B. 100</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="193"/>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="196"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../qml/editor/ResourcesSection.qml" line="197"/>
        <source>Add the IO limit</source>
        <translation>Das E/A-Limit hinzufügen</translation>
    </message>
</context>
<context>
    <name>RunningContainerPicker</name>
    <message>
        <location filename="../qml/components/RunningContainerPicker.qml" line="35"/>
        <source>Choose a running container</source>
        <translation>Laufenden Container wählen</translation>
    </message>
    <message>
        <location filename="../qml/components/RunningContainerPicker.qml" line="36"/>
        <source>No container is running</source>
        <translation>Kein Container läuft</translation>
    </message>
</context>
<context>
    <name>SecuritySection</name>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="28"/>
        <source>Capabilities: %1 of %2 granted</source>
        <translation>Capabilities: %1 von %2 gewährt</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="33"/>
        <source>Drop all</source>
        <translation>Alle entziehen</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="34"/>
        <source>Drop all capabilities</source>
        <translation>Alle Capabilities entziehen</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="38"/>
        <location filename="../qml/editor/SecuritySection.qml" line="68"/>
        <source>Docker default</source>
        <translation>Docker-Standard</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="39"/>
        <source>Grant Docker&apos;s default capabilities</source>
        <translation>Die Standard-Capabilities von Docker gewähren</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="76"/>
        <source>Seccomp</source>
        <translation>Seccomp</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="82"/>
        <source>Default profile</source>
        <translation>Standardprofil</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="85"/>
        <source>Seccomp: default profile</source>
        <translation>Seccomp: Standardprofil</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="91"/>
        <source>Unconfined</source>
        <translation>Uneingeschränkt</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="94"/>
        <source>Seccomp: unconfined</source>
        <translation>Seccomp: uneingeschränkt</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="100"/>
        <source>Profile from a file…</source>
        <translation>Profil aus einer Datei …</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="103"/>
        <source>Seccomp: load a JSON profile</source>
        <translation>Seccomp: ein JSON-Profil laden</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="118"/>
        <source>Load a Docker or OCI seccomp profile</source>
        <translation>Ein Seccomp-Profil von Docker oder OCI laden</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="119"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="119"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="128"/>
        <source>No new privileges (setuid programs gain nothing)</source>
        <translation>Keine neuen Privilegien (setuid-Programme erhalten nichts)</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="130"/>
        <source>No new privileges</source>
        <translation>Keine neuen Privilegien</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="134"/>
        <location filename="../qml/editor/SecuritySection.qml" line="136"/>
        <source>Read-only root filesystem</source>
        <translation>Schreibgeschütztes Wurzeldateisystem</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="141"/>
        <source>Masked paths (one per line; hidden inside the container)</source>
        <translation>Maskierte Pfade (einer pro Zeile; im Container verborgen)</translation>
    </message>
    <message>
        <location filename="../qml/editor/SecuritySection.qml" line="146"/>
        <source>Masked paths</source>
        <translation>Maskierte Pfade</translation>
    </message>
</context>
<context>
    <name>Sparkline</name>
    <message>
        <location filename="../qml/components/Sparkline.qml" line="35"/>
        <source>Recent values</source>
        <translation>Letzte Werte</translation>
    </message>
</context>
<context>
    <name>SpecEditor</name>
    <message>
        <location filename="../core/editor/SpecEditor.cpp" line="420"/>
        <source>cannot load the profile %1: %2</source>
        <translation>Das Profil %1 kann nicht geladen werden: %2</translation>
    </message>
</context>
<context>
    <name>SpecNamespaceModel</name>
    <message>
        <location filename="../core/editor/SpecNamespaceModel.cpp" line="21"/>
        <source>Process IDs: the command is PID 1 and sees no host processes.</source>
        <translation>Prozess-IDs: Der Befehl hat die PID 1 und sieht keine Prozesse des Hosts.</translation>
    </message>
    <message>
        <location filename="../core/editor/SpecNamespaceModel.cpp" line="23"/>
        <source>Network stack: own interfaces, addresses, routes and ports; only loopback unless connected.</source>
        <translation>Netzwerkstapel: eigene Schnittstellen, Adressen, Routen und Ports; ohne Verbindung nur Loopback.</translation>
    </message>
    <message>
        <location filename="../core/editor/SpecNamespaceModel.cpp" line="26"/>
        <source>System V IPC and POSIX message queues: no shared memory with the host.</source>
        <translation>System-V-IPC und POSIX-Nachrichtenwarteschlangen: kein gemeinsamer Speicher mit dem Host.</translation>
    </message>
    <message>
        <location filename="../core/editor/SpecNamespaceModel.cpp" line="29"/>
        <source>Host and domain name: its own hostname.</source>
        <translation>Rechner- und Domainname: ein eigener Rechnername.</translation>
    </message>
    <message>
        <location filename="../core/editor/SpecNamespaceModel.cpp" line="30"/>
        <source>Mount table: its own root filesystem; its mounts stay invisible to the host.</source>
        <translation>Einhängetabelle: ein eigenes Wurzeldateisystem; seine Einhängungen bleiben für den Host unsichtbar.</translation>
    </message>
    <message>
        <location filename="../core/editor/SpecNamespaceModel.cpp" line="33"/>
        <source>Cgroup view: its own cgroup appears as the root of the tree.</source>
        <translation>Sicht auf cgroups: Seine eigene cgroup erscheint als Wurzel des Baums.</translation>
    </message>
    <message>
        <location filename="../core/editor/SpecNamespaceModel.cpp" line="35"/>
        <source>User and group IDs: root inside is an unprivileged user on the host.</source>
        <translation>Benutzer- und Gruppen-IDs: root innen ist ein unprivilegierter Benutzer auf dem Host.</translation>
    </message>
</context>
<context>
    <name>SpecThrottleModel</name>
    <message>
        <location filename="../core/editor/SpecThrottleModel.cpp" line="120"/>
        <source>unknown kind of IO limit: %1</source>
        <translation>unbekannte Art von E/A-Limit: %1</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <location filename="../qml/components/Units.qml" line="27"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../qml/components/Units.qml" line="34"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../qml/components/Units.qml" line="40"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../qml/components/Units.qml" line="52"/>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <location filename="../qml/components/Units.qml" line="54"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../qml/components/Units.qml" line="56"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../qml/components/Units.qml" line="57"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>isolde::teaching::LabRunner</name>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="98"/>
        <source>There is no experiment &quot;%1&quot;.</source>
        <translation>Es gibt kein Experiment „%1“.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="187"/>
        <source>Relaxing only one of %1 was not enough in a twin container: each of them refuses it on its own.</source>
        <translation>In einem Zwillingscontainer genügte es nicht, nur eine der Einschränkungen (%1) zu lockern: Jede von ihnen verweigert den Aufruf für sich allein.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="189"/>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="210"/>
        <source>In a twin container with only the %1 relaxed it succeeded: the %1 is what refused it.</source>
        <translation>In einem Zwillingscontainer, in dem nur „%1“ gelockert war, gelang es: „%1“ hat es verweigert.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="240"/>
        <source>No temporary host directory: %1</source>
        <translation>Kein temporäres Host-Verzeichnis: %1</translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="243"/>
        <source>The host directory %1 cannot be opened to the container: %2</source>
        <translation>Das Host-Verzeichnis %1 kann nicht für den Container geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="312"/>
        <source>The twin container could not be created: %1</source>
        <translation>Der Zwillingscontainer konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="327"/>
        <source>The twin container did not start: %1</source>
        <translation>Der Zwillingscontainer ist nicht gestartet: %1</translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="350"/>
        <source>No temporary file for the output: %1</source>
        <translation>Keine temporäre Datei für die Ausgabe: %1</translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="353"/>
        <source>Not run: in a container of this spec the act would change the host itself.</source>
        <translation>Nicht ausgeführt: In einem Container dieser Spezifikation würde die Handlung den Host selbst verändern.</translation>
    </message>
    <message>
        <location filename="../core/teaching/LabRunner.cpp" line="398"/>
        <source>The command did not end in time (host pid %1).</source>
        <translation>Der Befehl wurde nicht rechtzeitig beendet (Host-PID %1).</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/isolde/main.cpp" line="67"/>
        <source>Isolde container manager</source>
        <translation>Isolde-Containerverwaltung</translation>
    </message>
    <message>
        <location filename="../app/isolde/main.cpp" line="71"/>
        <source>Open at page NAME: %1.</source>
        <translation>Auf der Seite NAME öffnen: %1.</translation>
    </message>
    <message>
        <location filename="../app/isolde/main.cpp" line="76"/>
        <source>The container the detail and lab pages show (id or name).</source>
        <translation>Der Container, den die Detail- und die Laborseite zeigen (ID oder Name).</translation>
    </message>
    <message>
        <location filename="../app/isolde/main.cpp" line="81"/>
        <source>Render the window once its data has loaded, save it as PNG and exit.</source>
        <translation>Das Fenster darstellen, sobald seine Daten geladen sind, als PNG speichern und beenden.</translation>
    </message>
</context>
</TS>
