<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="sea" tilewidth="16" tileheight="16" tilecount="58" columns="8">
 <image source="tiles.png" width="128" height="128"/>
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
 <wangsets>
  <wangset name="shallows" type="corner" tile="27">
   <wangcolor name="shallows" color="#8db9d5" tile="27" probability="1"/>
   <wangtile tileid="13" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="14" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="15" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="16" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="17" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="18" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="19" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="20" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="21" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="22" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="23" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="24" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="25" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="26" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="27" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
  <wangset name="shoal" type="corner" tile="42">
   <wangcolor name="shoal" color="#9ecccc" tile="42" probability="1"/>
   <wangtile tileid="28" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="29" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="30" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="31" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="32" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="33" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="34" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="35" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="36" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="37" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="38" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="39" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="40" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="41" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="42" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
  <wangset name="sand" type="corner" tile="57">
   <wangcolor name="sand" color="#dbc99e" tile="57" probability="1"/>
   <wangtile tileid="43" wangid="0,0,0,0,0,0,0,1"/>
   <wangtile tileid="44" wangid="0,1,0,0,0,0,0,0"/>
   <wangtile tileid="45" wangid="0,1,0,0,0,0,0,1"/>
   <wangtile tileid="46" wangid="0,0,0,1,0,0,0,0"/>
   <wangtile tileid="47" wangid="0,0,0,1,0,0,0,1"/>
   <wangtile tileid="48" wangid="0,1,0,1,0,0,0,0"/>
   <wangtile tileid="49" wangid="0,1,0,1,0,0,0,1"/>
   <wangtile tileid="50" wangid="0,0,0,0,0,1,0,0"/>
   <wangtile tileid="51" wangid="0,0,0,0,0,1,0,1"/>
   <wangtile tileid="52" wangid="0,1,0,0,0,1,0,0"/>
   <wangtile tileid="53" wangid="0,1,0,0,0,1,0,1"/>
   <wangtile tileid="54" wangid="0,0,0,1,0,1,0,0"/>
   <wangtile tileid="55" wangid="0,0,0,1,0,1,0,1"/>
   <wangtile tileid="56" wangid="0,1,0,1,0,1,0,0"/>
   <wangtile tileid="57" wangid="0,1,0,1,0,1,0,1"/>
  </wangset>
 </wangsets>
</tileset>
