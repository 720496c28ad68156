<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="sea" tilewidth="16" tileheight="16" tilecount="13" columns="8">
 <image source="tiles.png" width="128" height="32"/>
 <tile id="0">
  <properties>
   <property name="kind" type="string" value="sea"/>
   <property name="sea" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="1">
  <properties>
   <property name="kind" type="string" value="deep"/>
   <property name="sea" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="2">
  <properties>
   <property name="kind" type="string" value="bank"/>
   <property name="sea" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="3">
  <properties>
   <property name="country" type="string" value="japan"/>
   <property name="kind" type="string" value="coast"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="4">
  <properties>
   <property name="country" type="string" value="north_korea"/>
   <property name="kind" type="string" value="coast"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="5">
  <properties>
   <property name="country" type="string" value="south_korea"/>
   <property name="kind" type="string" value="coast"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="6">
  <properties>
   <property name="country" type="string" value="russia"/>
   <property name="kind" type="string" value="coast"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="7">
  <properties>
   <property name="country" type="string" value="china"/>
   <property name="kind" type="string" value="coast"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="8">
  <properties>
   <property name="country" type="string" value="japan"/>
   <property name="kind" type="string" value="land"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="9">
  <properties>
   <property name="country" type="string" value="north_korea"/>
   <property name="kind" type="string" value="land"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="10">
  <properties>
   <property name="country" type="string" value="south_korea"/>
   <property name="kind" type="string" value="land"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="11">
  <properties>
   <property name="country" type="string" value="russia"/>
   <property name="kind" type="string" value="land"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="12">
  <properties>
   <property name="country" type="string" value="china"/>
   <property name="kind" type="string" value="land"/>
   <property name="sea" type="bool" value="false"/>
  </properties>
 </tile>
</tileset>
