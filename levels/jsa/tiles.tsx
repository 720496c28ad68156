<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="jsa" tilewidth="16" tileheight="16" tilecount="72" columns="8">
 <image source="tiles.png" width="128" height="144"/>
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
 <wangsets>
  <wangset name="gravel" type="corner" tile="26">
   <wangcolor name="gravel" color="#938d7f" tile="26" probability="1"/>
   <wangtile tileid="12" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="13" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="14" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="15" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="16" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="17" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="18" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="19" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="20" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="21" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="22" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="23" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="24" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="25" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="26" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
  <wangset name="grass" type="corner" tile="41">
   <wangcolor name="grass" color="#9b9f7e" tile="41" probability="1"/>
   <wangtile tileid="27" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="28" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="29" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="30" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="31" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="32" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="33" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="34" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="35" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="36" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="37" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="38" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="39" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="40" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="41" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
  <wangset name="trees" type="corner" tile="56">
   <wangcolor name="trees" color="#35493b" tile="56" probability="1"/>
   <wangtile tileid="42" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="43" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="44" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="45" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="46" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="47" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="48" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="49" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="50" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="51" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="52" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="53" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="54" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="55" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="56" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
  <wangset name="outline" type="edge" tile="71">
   <wangcolor name="outline" color="#1e1c1a" tile="71" probability="1"/>
   <wangtile tileid="57" wangid="1,0,0,0,0,0,0,0"/>
   <wangtile tileid="58" wangid="0,0,1,0,0,0,0,0"/>
   <wangtile tileid="59" wangid="1,0,1,0,0,0,0,0"/>
   <wangtile tileid="60" wangid="0,0,0,0,1,0,0,0"/>
   <wangtile tileid="61" wangid="1,0,0,0,1,0,0,0"/>
   <wangtile tileid="62" wangid="0,0,1,0,1,0,0,0"/>
   <wangtile tileid="63" wangid="1,0,1,0,1,0,0,0"/>
   <wangtile tileid="64" wangid="0,0,0,0,0,0,1,0"/>
   <wangtile tileid="65" wangid="1,0,0,0,0,0,1,0"/>
   <wangtile tileid="66" wangid="0,0,1,0,0,0,1,0"/>
   <wangtile tileid="67" wangid="1,0,1,0,0,0,1,0"/>
   <wangtile tileid="68" wangid="0,0,0,0,1,0,1,0"/>
   <wangtile tileid="69" wangid="1,0,0,0,1,0,1,0"/>
   <wangtile tileid="70" wangid="0,0,1,0,1,0,1,0"/>
   <wangtile tileid="71" wangid="1,0,1,0,1,0,1,0"/>
  </wangset>
 </wangsets>
</tileset>
