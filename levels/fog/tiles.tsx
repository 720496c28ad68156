<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="fog" tilewidth="16" tileheight="16" tilecount="98" columns="8">
 <image source="tiles.png" width="128" height="208"/>
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
 <tile id="20">
  <properties>
   <property name="fence" type="bool" value="true"/>
   <property name="fence_height_m" type="float" value="3.0"/>
  </properties>
 </tile>
 <wangsets>
  <wangset name="bank" type="corner" tile="35">
   <wangcolor name="bank" color="#75694d" tile="35" probability="1"/>
   <wangtile tileid="21" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="22" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="23" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="24" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="25" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="26" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="27" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="28" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="29" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="30" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="31" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="32" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="33" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="34" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="35" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
  <wangset name="ground" type="corner" tile="50">
   <wangcolor name="ground" color="#a2a485" tile="50" probability="1"/>
   <wangtile tileid="36" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="37" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="38" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="39" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="40" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="41" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="42" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="43" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="44" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="45" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="46" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="47" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="48" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="49" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="50" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
  <wangset name="grass" type="corner" tile="65">
   <wangcolor name="grass" color="#c6b981" tile="65" probability="1"/>
   <wangtile tileid="51" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="52" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="53" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="54" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="55" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="56" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="57" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="58" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="59" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="60" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="61" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="62" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="63" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="64" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="65" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
  <wangset name="forest" type="corner" tile="80">
   <wangcolor name="forest" color="#425b49" tile="80" probability="1"/>
   <wangtile tileid="66" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="67" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="68" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="69" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="70" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="71" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="72" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="73" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="74" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="75" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="76" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="77" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="78" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="79" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="80" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
  <wangset name="outline" type="edge" tile="95">
   <wangcolor name="outline" color="#1e1c1a" tile="95" probability="1"/>
   <wangtile tileid="81" wangid="1,0,0,0,0,0,0,0"/>
   <wangtile tileid="82" wangid="0,0,1,0,0,0,0,0"/>
   <wangtile tileid="83" wangid="1,0,1,0,0,0,0,0"/>
   <wangtile tileid="84" wangid="0,0,0,0,1,0,0,0"/>
   <wangtile tileid="85" wangid="1,0,0,0,1,0,0,0"/>
   <wangtile tileid="86" wangid="0,0,1,0,1,0,0,0"/>
   <wangtile tileid="87" wangid="1,0,1,0,1,0,0,0"/>
   <wangtile tileid="88" wangid="0,0,0,0,0,0,1,0"/>
   <wangtile tileid="89" wangid="1,0,0,0,0,0,1,0"/>
   <wangtile tileid="90" wangid="0,0,1,0,0,0,1,0"/>
   <wangtile tileid="91" wangid="1,0,1,0,0,0,1,0"/>
   <wangtile tileid="92" wangid="0,0,0,0,1,0,1,0"/>
   <wangtile tileid="93" wangid="1,0,0,0,1,0,1,0"/>
   <wangtile tileid="94" wangid="0,0,1,0,1,0,1,0"/>
   <wangtile tileid="95" wangid="1,0,1,0,1,0,1,0"/>
  </wangset>
 </wangsets>
</tileset>
