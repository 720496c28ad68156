<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="fog" tilewidth="16" tileheight="16" tilecount="20" columns="8">
 <image source="tiles.png" width="128" height="48"/>
 <tile id="0">
  <properties>
   <property name="cover" type="float" value="0.05"/>
   <property name="noise" type="float" value="1.0"/>
   <property name="speed" type="float" value="1.0"/>
   <property name="terrain" type="string" value="open"/>
  </properties>
 </tile>
 <tile id="1">
  <properties>
   <property name="cover" type="float" value="0.45"/>
   <property name="noise" type="float" value="1.3"/>
   <property name="speed" type="float" value="0.8"/>
   <property name="terrain" type="string" value="tall_grass"/>
  </properties>
 </tile>
 <tile id="2">
  <properties>
   <property name="cover" type="float" value="0.65"/>
   <property name="noise" type="float" value="1.3"/>
   <property name="speed" type="float" value="0.7"/>
   <property name="terrain" type="string" value="forest"/>
  </properties>
 </tile>
 <tile id="3">
  <properties>
   <property name="cover" type="float" value="0.3"/>
   <property name="noise" type="float" value="1.1"/>
   <property name="speed" type="float" value="0.85"/>
   <property name="terrain" type="string" value="scrub"/>
  </properties>
 </tile>
 <tile id="4">
  <properties>
   <property name="cover" type="float" value="0.15"/>
   <property name="noise" type="float" value="1.6"/>
   <property name="speed" type="float" value="0.45"/>
   <property name="terrain" type="string" value="stream"/>
   <property name="water" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="5">
  <properties>
   <property name="cover" type="float" value="0.0"/>
   <property name="noise" type="float" value="0.9"/>
   <property name="speed" type="float" value="0.95"/>
   <property name="terrain" type="string" value="cleared"/>
  </properties>
 </tile>
 <tile id="6">
  <properties>
   <property name="cover" type="float" value="0.0"/>
   <property name="noise" type="float" value="0.7"/>
   <property name="speed" type="float" value="1.1"/>
   <property name="terrain" type="string" value="path"/>
   <property name="track" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="7">
  <properties>
   <property name="cover" type="float" value="0.0"/>
   <property name="noise" type="float" value="0.8"/>
   <property name="speed" type="float" value="1.15"/>
   <property name="terrain" type="string" value="road"/>
   <property name="track" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="8">
  <properties>
   <property name="cover" type="float" value="0.3"/>
   <property name="noise" type="float" value="1.0"/>
   <property name="speed" type="float" value="0.75"/>
   <property name="terrain" type="string" value="hill"/>
  </properties>
 </tile>
 <tile id="9">
  <properties>
   <property name="blocked" type="bool" value="true"/>
   <property name="cover" type="float" value="0.0"/>
   <property name="side" type="string" value="north"/>
   <property name="speed" type="float" value="0.0"/>
   <property name="terrain" type="string" value="guard_post"/>
  </properties>
 </tile>
 <tile id="10">
  <properties>
   <property name="blocked" type="bool" value="true"/>
   <property name="cover" type="float" value="0.0"/>
   <property name="side" type="string" value="south"/>
   <property name="speed" type="float" value="0.0"/>
   <property name="terrain" type="string" value="guard_post"/>
  </properties>
 </tile>
 <tile id="11">
  <properties>
   <property name="cover" type="float" value="0.0"/>
   <property name="noise" type="float" value="0.8"/>
   <property name="speed" type="float" value="1.0"/>
   <property name="terrain" type="string" value="yard"/>
  </properties>
 </tile>
 <tile id="12">
  <properties>
   <property name="fence" type="bool" value="true"/>
   <property name="fence_height_m" type="float" value="3.0"/>
  </properties>
 </tile>
 <tile id="13">
  <properties>
   <property name="fence" type="bool" value="true"/>
   <property name="fence_height_m" type="float" value="4.0"/>
  </properties>
 </tile>
 <tile id="14">
  <properties>
   <property name="mine_density" type="float" value="0.35"/>
  </properties>
 </tile>
 <tile id="15">
  <properties>
   <property name="mine_density" type="float" value="1.0"/>
  </properties>
 </tile>
 <tile id="16">
  <properties>
   <property name="mine_density" type="float" value="1.0"/>
  </properties>
 </tile>
 <tile id="17">
  <properties>
   <property name="marker" type="bool" value="true"/>
   <property name="mdl" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="18">
  <properties>
   <property name="mdl" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="19">
  <properties>
   <property name="blocked" type="bool" value="true"/>
   <property name="cover" type="float" value="0.0"/>
   <property name="speed" type="float" value="0.0"/>
   <property name="terrain" type="string" value="barracks"/>
  </properties>
 </tile>
</tileset>
