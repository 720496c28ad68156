<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="jsa" tilewidth="16" tileheight="16" tilecount="12" columns="8">
 <image source="tiles.png" width="128" height="32"/>
 <tile id="0">
  <properties>
   <property name="cover" type="float" value="0.0"/>
   <property name="speed" type="float" value="1.0"/>
   <property name="terrain" type="string" value="grass"/>
  </properties>
 </tile>
 <tile id="1">
  <properties>
   <property name="cover" type="float" value="0.0"/>
   <property name="speed" type="float" value="1.0"/>
   <property name="terrain" type="string" value="road"/>
  </properties>
 </tile>
 <tile id="2">
  <properties>
   <property name="cover" type="float" value="0.0"/>
   <property name="speed" type="float" value="1.0"/>
   <property name="terrain" type="string" value="paving"/>
  </properties>
 </tile>
 <tile id="3">
  <properties>
   <property name="cover" type="float" value="0.0"/>
   <property name="speed" type="float" value="0.95"/>
   <property name="terrain" type="string" value="gravel"/>
  </properties>
 </tile>
 <tile id="4">
  <properties>
   <property name="cover" type="float" value="0.3"/>
   <property name="speed" type="float" value="0.5"/>
   <property name="terrain" type="string" value="ditch"/>
  </properties>
 </tile>
 <tile id="5">
  <properties>
   <property name="cover" type="float" value="0.5"/>
   <property name="speed" type="float" value="0.8"/>
   <property name="terrain" type="string" value="trees"/>
  </properties>
 </tile>
 <tile id="6">
  <properties>
   <property name="blocked" type="bool" value="true"/>
   <property name="cover" type="float" value="1.0"/>
   <property name="opaque" type="bool" value="true"/>
   <property name="side" type="string" value="north"/>
   <property name="speed" type="float" value="0.0"/>
   <property name="terrain" type="string" value="building"/>
  </properties>
 </tile>
 <tile id="7">
  <properties>
   <property name="blocked" type="bool" value="true"/>
   <property name="cover" type="float" value="1.0"/>
   <property name="opaque" type="bool" value="true"/>
   <property name="speed" type="float" value="0.0"/>
   <property name="terrain" type="string" value="hut"/>
  </properties>
 </tile>
 <tile id="8">
  <properties>
   <property name="blocked" type="bool" value="true"/>
   <property name="cover" type="float" value="1.0"/>
   <property name="opaque" type="bool" value="true"/>
   <property name="side" type="string" value="south"/>
   <property name="speed" type="float" value="0.0"/>
   <property name="terrain" type="string" value="building"/>
  </properties>
 </tile>
 <tile id="9">
  <properties>
   <property name="blocked" type="bool" value="true"/>
   <property name="cover" type="float" value="1.0"/>
   <property name="opaque" type="bool" value="true"/>
   <property name="speed" type="float" value="0.0"/>
   <property name="terrain" type="string" value="wall"/>
  </properties>
 </tile>
 <tile id="10">
  <properties>
   <property name="mdl" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="11">
  <properties>
   <property name="cover" type="float" value="0.2"/>
   <property name="speed" type="float" value="0.9"/>
   <property name="terrain" type="string" value="leaves"/>
  </properties>
 </tile>
</tileset>
