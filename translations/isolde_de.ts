<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="13"/>
        <source>Isolde</source>
        <translation>Isolde</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="19"/>
        <source>Default container spec (OCI config.json)</source>
        <translation>Standard-Container-Spezifikation (OCI config.json)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="33"/>
        <source>Default spec</source>
        <translation>Standard-Spezifikation</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/isolde/main.cpp" line="46"/>
        <source>Isolde container manager</source>
        <translation>Isolde-Containerverwaltung</translation>
    </message>
    <message>
        <location filename="../app/isolde/main.cpp" line="51"/>
        <source>Render the window once, save it as PNG and exit.</source>
        <translation>Das Fenster einmal zeichnen, als PNG speichern und beenden.</translation>
    </message>
</context>
</TS>
